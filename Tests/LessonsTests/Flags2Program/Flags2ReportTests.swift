import Flags
import Testing

@testable import Lessons

@Suite("Flags2Report")
struct Flags2ReportTests {
  @Test("the header lists up to ten codes and names the range of more")
  func header() {
    #expect(
      Flags2Report.header(
        label: .remote, url: SiteLabel.remoteURL, codes: Countries.pop20.sorted(), concurrency: 1)
          == """
          REMOTE site: http://flupy.org/data/flags
          Searching for 20 flags: from BD to VN
          1 concurrent connection will be used.

          """)
    #expect(
      Flags2Report.header(label: .local, url: "http://h/flags", codes: ["CN"], concurrency: 1)
        .hasPrefix("LOCAL site: http://h/flags\nSearching for 1 flag: CN\n"))
    #expect(
      Flags2Report.header(label: .error, url: "u", codes: ["BR", "CN"], concurrency: 2)
        .hasSuffix("Searching for 2 flags: BR, CN\n2 concurrent connections will be used.\n"))
  }

  @Test("the footer shows not found and errors only when there are some")
  func footer() {
    #expect(
      Flags2Report.footer([.ok: 43, .notFound: 35], elapsed: .milliseconds(2140)) == """
        --------------------
        43 flags downloaded.
        35 not found.
        Elapsed time: 2.14s

        """)
    #expect(
      Flags2Report.footer([.ok: 1, .error: 1], elapsed: .milliseconds(5)) == """
        --------------------
        1 flag downloaded.
        1 error.
        Elapsed time: 0.01s

        """)
    #expect(Flags2Report.footer([:], elapsed: .zero).contains("0 flags downloaded.\n"))
  }

  @Test("the footer counts the codes Ctrl-C left undone, after the errors")
  func interruptedFooter() {
    #expect(
      Flags2Report.footer([.ok: 3, .error: 1], elapsed: .seconds(2), interrupted: 16) == """
        --------------------
        3 flags downloaded.
        1 error.
        16 not downloaded: interrupted (Ctrl-C).
        Elapsed time: 2.00s

        """)
    #expect(!Flags2Report.footer([.ok: 3], elapsed: .zero).contains("interrupted"))
  }
}
