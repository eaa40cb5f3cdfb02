/// A handout as one self-contained web page: the prose, each cell's code and its output with
/// the stamps, and after each cell that ran concurrent work its timeline as an inline SVG
/// picture (``TimelineSVG``).
///
/// Nothing is fetched and nothing needs a script: the style sheet is inline, and the page
/// has no `<script>`, no link, image or font from elsewhere. It fits a phone (the viewport is
/// the device's width; code, output and charts scroll sideways inside their boxes rather
/// than widening the page) and prints on paper (no sideways scrolling there: long lines
/// wrap, and a chart is not split across pages). Every piece of text is escaped.
///
/// The structure is plain for tests to read: one `<section class="lesson">` per section,
/// one `<div class="cell">` per cell, one `<div class="listing">` per listing (code shown and
/// not run), one `<figure class="timeline">` per chart.
///
///     let html = HTMLPage(handout).text
///     // <!DOCTYPE html>
///     // <html lang="en">
///     // …
public struct HTMLPage: Sendable {
  /// The run to show.
  public var handout: Handout

  /// The page of `handout`.
  public init(_ handout: Handout) {
    self.handout = handout
  }

  /// The page, ending with a newline.
  public var text: String {
    // The page's language is its prose's, so that a browser picks fonts and hyphenation for it.
    let language = handout.sections.first?.language ?? .english
    var html = """
      <!DOCTYPE html>
      <html lang="\(language.rawValue)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="lessons">
      <title>\(HTMLText.escape(handout.displayTitle))</title>
      <style>
      \(HTMLStyle.sheet)</style>
      </head>
      <body>
      <main>

      """
    var ids = Set<String>()
    let anchors = handout.sections.map { section in
      var id = "s-" + HTMLText.identifier(section.id)
      var suffix = 2
      while ids.contains(id) {
        id = "s-" + HTMLText.identifier(section.id) + "-\(suffix)"
        suffix += 1
      }
      ids.insert(id)
      return id
    }
    if handout.hasOwnTitle {
      html += "<header class=\"page-header\">\n"
      html += "<h1>\(HTMLText.escape(handout.displayTitle))</h1>\n"
      html += "<p class=\"recording\">\(HTMLText.escape(handout.recording))</p>\n"
      html += "<nav class=\"contents\" aria-label=\"Sections\">\n<ol>\n"
      for (section, anchor) in zip(handout.sections, anchors) {
        html += "<li><a href=\"#\(anchor)\">\(HTMLText.escape(section.heading))</a></li>\n"
      }
      html += "</ol>\n</nav>\n</header>\n"
    }
    for (section, anchor) in zip(handout.sections, anchors) {
      html += self.section(section, anchor: anchor)
    }
    html += "</main>\n</body>\n</html>\n"
    return html
  }

  private func section(_ section: HandoutSection, anchor: String) -> String {
    let level = handout.hasOwnTitle ? "h2" : "h1"
    var html = "<section class=\"lesson\" id=\"\(anchor)\">\n"
    html += "<\(level)>\(HTMLText.escape(section.heading))</\(level)>\n"
    if !handout.hasOwnTitle {
      html += "<p class=\"recording\">\(HTMLText.escape(handout.recording))</p>\n"
    }
    for block in section.blocks {
      switch block {
      case .prose(let text):
        html += Self.prose(text, heading: handout.hasOwnTitle ? "h3" : "h2")
      case .note(let text):
        let lines = text.trimmingNewlines.split(separator: "\n").map {
          HTMLText.escape(String($0))
        }
        html += "<aside class=\"note\"><p>\(lines.joined(separator: "<br>\n"))</p></aside>\n"
      case .cell(let cell):
        html += self.cell(cell, in: section, anchor: anchor)
      case .listing(let listing):
        html += Self.listing(listing)
      }
    }
    return html + "</section>\n"
  }

  private func cell(_ cell: HandoutCell, in section: HandoutSection, anchor: String) -> String {
    let id = "\(anchor)-cell-\(cell.number)"
    var html = "<div class=\"cell\" id=\"\(id)\">\n"
    html += "<p class=\"prompt\">In [\(cell.number)]:</p>\n"
    html += "<pre class=\"code\"><code class=\"language-swift\">"
    html += HTMLText.escape(cell.source.trimmingNewlines.description) + "</code></pre>\n"
    if !cell.record.output.isEmpty {
      html += "<pre class=\"output\"><samp>" + Self.output(cell.record.output) + "</samp></pre>\n"
    }
    if let failure = cell.record.failure {
      html += "<p class=\"cell-error\">Error in cell \(cell.number): "
      html += HTMLText.escape(failure) + "</p>\n"
    }
    let timeline = cell.timeline
    if !timeline.isEmpty {
      var picture = TimelineSVG()
      // The page says which section this is: the chart's title names the cell alone, and
      // stays clear of the legend.
      picture.add(timeline, sectionID: section.id, sectionTitle: "")
      let label = "Timeline of \(section.id) In [\(cell.number)]: which thread ran what, when"
      html += "<figure class=\"timeline\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">\n"
      html += picture.inlineElement(idPrefix: "\(id)-")
      html += "</figure>\n"
    }
    return html + "</div>\n"
  }

  /// A listing as a box like a cell's, its file name in place of `In [n]:` and its fixed text
  /// in a `<pre class="fixed">`, told apart from the output of a run.
  static func listing(_ listing: Listing) -> String {
    var html = "<div class=\"listing\">\n"
    html += "<p class=\"prompt\">\(HTMLText.escape(listing.file)):</p>\n"
    html += "<pre class=\"code\"><code class=\"language-swift\">"
    html += HTMLText.escape(listing.source.trimmingNewlines.description) + "</code></pre>\n"
    let output = listing.output.trimmingNewlines
    if !output.isEmpty {
      html += "<pre class=\"fixed\"><samp>" + HTMLText.escape(String(output)) + "</samp></pre>\n"
    }
    return html + "</div>\n"
  }

  /// Paragraphs, lists, and headings as `heading` elements.
  static func prose(_ text: String, heading: String) -> String {
    ProseBlock.parse(text).map { block in
      switch block {
      case .heading(let text):
        return "<\(heading)>" + HTMLText.escape(text) + "</\(heading)>\n"
      case .paragraph(let lines):
        return "<p>" + HTMLText.escape(lines.joined(separator: "\n")) + "</p>\n"
      case .list(let items):
        let entries = items.map { "<li>" + HTMLText.escape($0.joined(separator: "\n")) + "</li>\n" }
        return "<ul>\n" + entries.joined() + "</ul>\n"
      }
    }.joined()
  }

  /// Output escaped, each `[HH:MM:SS]` stamp in a `<span class="stamp">`, without the last
  /// newline (a `<pre>` would show it as an empty line).
  static func output(_ text: String) -> String {
    var html = ""
    var rest = Substring(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    while let open = rest.firstIndex(of: "[") {
      html += HTMLText.escape(String(rest[..<open]))
      let candidate = rest[open...].prefix(10)
      if TextRenderer.isStamp(candidate) {
        html += "<span class=\"stamp\">" + HTMLText.escape(String(candidate)) + "</span>"
        rest = rest[open...].dropFirst(10)
      } else {
        html += "["
        rest = rest[open...].dropFirst()
      }
    }
    return html + HTMLText.escape(String(rest))
  }
}
