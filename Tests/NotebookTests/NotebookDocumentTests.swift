import ConcurrencyRuntime
import Foundation
import Notebook
import Testing

@Suite("NotebookDocument")
struct NotebookDocumentTests {
  @Test(
    "the notebook keeps nbformat 4.5's schema, with timelines and without",
    arguments: [false, true])
  func valid(timelines: Bool) throws {
    let json = try NotebookDocument(try HandoutFixture.both(), timelines: timelines).json()
    #expect(NotebookSchema.violations(of: Data(json.utf8)) == [])
  }

  @Test("the schema check catches what breaks the schema")
  func schemaCheckFails() {
    let broken = """
      {"cells": [{"cell_type": "code", "id": "a.b", "metadata": {}, "source": 3,
      "outputs": [{"output_type": "stream", "text": []}], "execution_count": "1", "extra": 1},
      {"cell_type": "markdown", "id": "a.b", "metadata": {}, "source": ""}],
      "metadata": {"kernelspec": {"name": "swift"}}, "nbformat": 4, "nbformat_minor": 4}
      """
    #expect(
      NotebookSchema.violations(of: Data(broken.utf8)) == [
        "nbformat_minor < 5", "kernelspec lacks display_name", "cell 0 has the id 'a.b'",
        "cell 0: source", "cell 0 has extra, which the schema does not allow",
        "cell 0: execution_count", "cell 0 output 0 lacks name", "cell 0 output 0: name",
        "cell 1 has the id 'a.b'", "cell 1 repeats the id 'a.b'",
      ])
    #expect(!NotebookSchema.isCellID(String(repeating: "a", count: 65)))
    #expect(!NotebookSchema.isCellID(""))
  }

  @Test("Markdown cells for headings and prose, code cells with their number and stdout")
  func cells() throws {
    let document = NotebookDocument(try HandoutFixture.both(), timelines: false)
    #expect(
      document.cells.map(\.id) == [
        "title", "0-2-title", "0-2-prose-1", "0-2-code-1", "0-2-code-2", "0-2-code-3",
        "0-3-title", "0-3-prose-1", "0-3-code-1",
      ])
    #expect(
      document.cells.map(\.type) == ["markdown", "markdown", "markdown"] + ["code", "code", "code"]
        + ["markdown", "markdown", "code"])
    let code = document.cells[5]
    #expect(code.executionCount == 3)
    #expect(code.source == ["twoWorkers()"])
    let json = try NotebookDocument(try HandoutFixture.both(), timelines: false).json()
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let cells = try #require(object["cells"] as? [[String: Any]])
    let outputs = try #require(cells[5]["outputs"] as? [[String: Any]])
    #expect(outputs.count == 1)
    #expect(outputs[0]["output_type"] as? String == "stream")
    #expect(outputs[0]["name"] as? String == "stdout")
    #expect(
      outputs[0]["text"] as? [String] == ["[09:00:01] job 1 done\n", "[09:00:02] job 2 done\n"])
    let failed = try #require(cells[8]["outputs"] as? [[String: Any]])
    #expect(failed.map { $0["output_type"] as? String } == ["error"])
    #expect(failed[0]["evalue"] as? String == "the cell gave up")
    let metadata = try #require(object["metadata"] as? [String: Any])
    #expect((metadata["language_info"] as? [String: Any])?["name"] as? String == "swift")
    #expect((metadata["kernelspec"] as? [String: Any])?["language"] as? String == "swift")
  }

  @Test("with timelines, a concurrent cell shows its chart as SVG and as text")
  func timelines() throws {
    let json = try NotebookDocument(try HandoutFixture.single(), timelines: true).json()
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let cells = try #require(object["cells"] as? [[String: Any]])
    let shown = cells.map { cell in
      ((cell["outputs"] as? [[String: Any]]) ?? []).filter {
        $0["output_type"] as? String == "display_data"
      }
    }
    #expect(shown.map(\.count) == [0, 0, 0, 0, 1])
    let data = try #require(shown[4].first?["data"] as? [String: [String]])
    let svg = try #require(data["image/svg+xml"]).joined()
    #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns="))
    #expect(svg.contains("<pattern id=\"0-2-3-waiting\""))
    #expect(svg.contains("fill=\"url(#0-2-3-waiting)\""))
    #expect(data["text/plain"]?.first == "Timeline of In [3], 2s (= running, . waiting)\n")
  }

  @Test("the same run gives the same bytes, keys sorted, empty objects as {}")
  func stable() throws {
    let first = try NotebookDocument(try HandoutFixture.both(), timelines: true).json()
    let again = try NotebookDocument(try HandoutFixture.both(), timelines: true).json()
    #expect(first == again)
    #expect(first.contains("\"metadata\" : {},"))
    #expect(first.contains("\"outputs\" : [],"))
    let keys = first.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
      $0.split(separator: "\"")[1]
    }
    #expect(keys == ["cells", "metadata", "nbformat", "nbformat_minor"])
  }
}
