import ConcurrencyRuntime
import Foundation
import Notebook
import Testing

/// The values of `attribute="…"` in `html`, in order.
func attributeValues(_ attribute: String, in html: String) -> [String] {
  html.components(separatedBy: " \(attribute)=\"").dropFirst().map {
    String($0.prefix { $0 != "\"" })
  }
}

/// How many times `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int {
  text.components(separatedBy: needle).count - 1
}

@Suite("HTMLPage")
struct HTMLPageTests {
  @Test("one section per section, one cell box per cell, one figure per concurrent cell")
  func structure() throws {
    let handout = try HandoutFixture.both()
    let html = HTMLPage(handout).text
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
    #expect(occurrences(of: "<section", in: html) == handout.sections.count)
    #expect(occurrences(of: "<section class=\"lesson\"", in: html) == 2)
    let cells = handout.sections.flatMap(\.cells)
    #expect(occurrences(of: "<div class=\"cell\"", in: html) == cells.count)
    let concurrent = cells.filter { !$0.timeline.isEmpty }
    #expect(concurrent.count == 1)
    #expect(occurrences(of: "<figure", in: html) == concurrent.count)
    #expect(occurrences(of: "<svg", in: html) == concurrent.count)
    for tag in ["section", "div", "figure", "pre", "svg", "p", "ul", "li", "main", "nav"] {
      #expect(
        occurrences(of: "<\(tag)>", in: html) + occurrences(of: "<\(tag) ", in: html)
          == occurrences(of: "</\(tag)>", in: html), "<\(tag)> opened and closed alike")
    }
    let ids = attributeValues("id", in: html)
    #expect(Set(ids).count == ids.count, "ids are unique")
    #expect(ids.contains("s-0-2-cell-3-waiting"), "each chart's pattern has its own id")
  }

  @Test("nothing to run and nothing to fetch: no script, every link inside the page")
  func selfContained() throws {
    let html = HTMLPage(try HandoutFixture.both()).text
    for forbidden in ["<script", "<link", "<img", "<iframe", "<object", "@import", "xmlns"] {
      #expect(!html.contains(forbidden), "no \(forbidden)")
    }
    for attribute in ["href", "src", "xlink:href", "action"] {
      for value in attributeValues(attribute, in: html) {
        #expect(value.hasPrefix("#"), "\(attribute)=\"\(value)\" stays in the page")
      }
    }
    for use in html.components(separatedBy: "url(").dropFirst() {
      #expect(use.hasPrefix("#"), "url(\(use.prefix(20))…) stays in the page")
    }
    #expect(attributeValues("href", in: html).count == 2, "the contents link each section")
  }

  @Test("for a phone and for paper: viewport, sideways scrolling in boxes, print styles")
  func phoneAndPrint() throws {
    let html = HTMLPage(try HandoutFixture.single()).text
    #expect(
      html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(html.contains("overflow-x: auto"))
    #expect(html.contains("@media print"))
    #expect(html.contains("@media (max-width: 40rem)"))
  }

  @Test("everything is escaped, stamps are marked, prose keeps its lists and headings")
  func escaping() throws {
    let html = HTMLPage(try HandoutFixture.single()).text
    #expect(html.contains("<title>0.2 Tags &amp; &lt;angles&gt;</title>"))
    #expect(html.contains("<h1>0.2 Tags &amp; &lt;angles&gt;</h1>"))
    #expect(!html.contains("<b>"))
    #expect(html.contains("Costs $5 * 2 for [this] &lt;b&gt;bold&lt;/b&gt; &amp; BASE_URL"))
    #expect(html.contains("<ul>\n<li>one</li>\n<li>two,\nlong</li>\n</ul>\n"))
    #expect(
      html.contains(
        "<pre class=\"output\"><samp><span class=\"stamp\">[09:00:00]</span> &lt;b&gt; &amp; "
          + "&quot;q&quot; ```</samp></pre>"))
    #expect(html.contains("<code class=\"language-swift\">display(&quot;&lt;b&gt; &amp;"))
    let failing = HTMLPage(try HandoutFixture.both()).text
    #expect(failing.contains("<p class=\"cell-error\">Error in cell 1: the cell gave up</p>"))
  }

  @Test("a chart is the cell's timeline, titled with the section and the cell")
  func chart() throws {
    let html = HTMLPage(try HandoutFixture.single()).text
    #expect(html.contains(">0.2 In [3], 2s</text>"))
    #expect(occurrences(of: "class=\"bar\"", in: html) == 2)
    #expect(html.contains("data-label=\"job1\" data-start=\"0\" data-end=\"1\""))
    #expect(html.contains("data-label=\"job2\" data-start=\"0\" data-end=\"2\""))
  }
}
