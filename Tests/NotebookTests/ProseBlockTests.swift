import Testing

@testable import Notebook

@Suite("Prose in exports")
struct ProseBlockTests {
  @Test("paragraphs, lists with hanging lines, and dash-underlined headings")
  func blocks() {
    let text =
      "17.5.1  Error  handling\n---------\n\nOne\nparagraph.\n\n- first\n- second,\n  long\n"
    #expect(
      ProseBlock.parse(text) == [
        .heading("17.5.1 Error handling"), .paragraph(["One", "paragraph."]),
        .list([["first"], ["second,", "long"]]),
      ])
  }

  @Test("Markdown escapes what would be markup, and keeps words with underscores whole")
  func markdown() {
    #expect(MarkdownText.inline("n * 10 for *all* <T>") == "n \\* 10 for \\*all\\* \\<T>")
    #expect(
      MarkdownText.inline("BASE_URL and _x_ cost $1 [a] `b`")
        == "BASE_URL and \\_x\\_ cost \\$1 \\[a\\] \\`b\\`")
    #expect(MarkdownText.inline("A & B &amp; &#60;") == "A & B \\&amp; \\&#60;")
    #expect(MarkdownText.line("1. not a list") == "1\\. not a list")
    #expect(MarkdownText.line("2) nor this") == "2\\) nor this")
    #expect(MarkdownText.line("# no heading") == "\\# no heading")
    #expect(MarkdownText.line("> no quote") == "\\> no quote")
    #expect(MarkdownText.line("- no item") == "\\- no item")
    #expect(MarkdownText.line("---") == "\\---")
    #expect(MarkdownText.line("-5 degrees") == "-5 degrees")
    #expect(MarkdownText.line("1.5 seconds") == "1.5 seconds")
    #expect(MarkdownText.fence(for: "a ```` b") == "`````")
    #expect(MarkdownText.fence(for: "plain") == "```")
  }

  @Test("control characters become visible; HTML escapes its five characters")
  func visible() {
    #expect(VisibleText.of("50%\r100%\u{1B}[0m\n\tok") == "50%\u{240D}100%\u{241B}[0m\n\tok")
    #expect(
      HTMLText.escape("a < b && \"c\" 'd'") == "a &lt; b &amp;&amp; &quot;c&quot; &#39;d&#39;")
    #expect(HTMLText.identifier("17.4 b_c") == "17-4-b_c")
  }
}
