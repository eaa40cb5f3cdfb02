import ConcurrencyRuntime
import Notebook
import Testing

@Suite("MarkdownHandout")
struct MarkdownHandoutTests {
  @Test("a section: heading, escaped prose, lists kept, fenced code and output, a timeline")
  func page() throws {
    let text = MarkdownHandout(try HandoutFixture.single(), timelineWidth: 50).text
    #expect(
      text == """
        # 0.2 Tags & \\<angles>

        *Recorded in virtual time.*

        Costs \\$5 \\* 2 for \\[this\\] \\<b>bold\\</b> & BASE_URL, \\`code\\`
        1\\. is no list here, and \\_this\\_ no emphasis.

        Two facts:

        - one
        - two,
          long

        **In [1]:**

        ```swift
        let x = 1
        ```

        **In [2]:**

        ````swift
        display("<b> & \\"q\\"")
        // ``` fence
        ````

        ````text
        [09:00:00] <b> & "q" ```
        ````

        **In [3]:**

        ```swift
        twoWorkers()
        ```

        ```text
        [09:00:01] job 1 done
        [09:00:02] job 2 done
        ```

        ```text
        Timeline of In [3], 2s (= running, . waiting)
                  0s       0.5s     1s      1.5s     2s
        worker-1  [job1.............]
        worker-2  [job2..............................]
        ```

        """)
  }

  @Test("without a timeline width, no chart")
  func noTimeline() throws {
    let text = MarkdownHandout(try HandoutFixture.single()).text
    #expect(!text.contains("Timeline of"))
    #expect(text.contains("[09:00:02] job 2 done"))
  }

  @Test("several sections: the handout's title first, sections one level down, failures said")
  func several() throws {
    let text = MarkdownHandout(try HandoutFixture.both()).text
    #expect(text.hasPrefix("# Two & more\n\n*Recorded in virtual time.*\n\n## 0.2 Tags"))
    #expect(text.contains("\n## 0.3 Failing\n\nIt stops.\n"))
    #expect(text.hasSuffix("**Error in cell 1:** the cell gave up\n"))
  }
}
