import Foundation

/// The rules of the nbformat 4.5 JSON schema (nbformat.v4.5.schema.json) that a notebook
/// this project writes could break: the required keys of the notebook, of each kind of cell
/// and of each kind of output, no keys the schema does not allow where it allows none, the
/// types of values, and cell ids (`^[a-zA-Z0-9-_]+$`, 1 to 64 characters, unique).
///
///     NotebookSchema.violations(of: data)   // [] for a valid notebook
enum NotebookSchema {
  /// What breaks the schema in the notebook `data`, one sentence each; empty when valid.
  static func violations(of data: Data) -> [String] {
    guard let object = try? JSONSerialization.jsonObject(with: data),
      let notebook = object as? [String: Any]
    else {
      return ["not a JSON object"]
    }
    var problems: [String] = []
    check(
      notebook, "notebook", required: ["metadata", "nbformat_minor", "nbformat", "cells"],
      allowed: [], into: &problems)
    if notebook["nbformat"] as? Int != 4 { problems.append("nbformat is not 4") }
    if (notebook["nbformat_minor"] as? Int ?? -1) < 5 { problems.append("nbformat_minor < 5") }
    if let metadata = notebook["metadata"] as? [String: Any] {
      if let kernelspec = metadata["kernelspec"] {
        if let spec = kernelspec as? [String: Any] {
          check(
            spec, "kernelspec", required: ["name", "display_name"], allowed: nil,
            into: &problems)
        } else {
          problems.append("kernelspec is not an object")
        }
      }
      if let info = metadata["language_info"] {
        if let info = info as? [String: Any] {
          check(info, "language_info", required: ["name"], allowed: nil, into: &problems)
        } else {
          problems.append("language_info is not an object")
        }
      }
    } else {
      problems.append("metadata is not an object")
    }
    guard let cells = notebook["cells"] as? [Any] else {
      return problems + ["cells is not an array"]
    }
    var ids = Set<String>()
    for (index, item) in cells.enumerated() {
      let name = "cell \(index)"
      guard let cell = item as? [String: Any] else {
        problems.append("\(name) is not an object")
        continue
      }
      if let id = cell["id"] as? String {
        if !isCellID(id) { problems.append("\(name) has the id '\(id)'") }
        if !ids.insert(id).inserted { problems.append("\(name) repeats the id '\(id)'") }
      }
      if !(cell["metadata"] is [String: Any]) { problems.append("\(name): metadata") }
      if !isMultilineString(cell["source"]) { problems.append("\(name): source") }
      switch cell["cell_type"] as? String {
      case "markdown":
        check(
          cell, name, required: ["id", "cell_type", "metadata", "source"],
          allowed: ["attachments"], into: &problems)
      case "code":
        check(
          cell, name,
          required: ["id", "cell_type", "metadata", "source", "outputs", "execution_count"],
          allowed: [], into: &problems)
        if !(cell["execution_count"] is Int || cell["execution_count"] is NSNull) {
          problems.append("\(name): execution_count")
        }
        guard let outputs = cell["outputs"] as? [Any] else {
          problems.append("\(name): outputs is not an array")
          continue
        }
        for (number, output) in outputs.enumerated() {
          checkOutput(output, "\(name) output \(number)", into: &problems)
        }
      default:
        problems.append("\(name) has no known cell_type")
      }
    }
    return problems
  }

  private static func checkOutput(_ item: Any, _ name: String, into problems: inout [String]) {
    guard let output = item as? [String: Any] else {
      problems.append("\(name) is not an object")
      return
    }
    switch output["output_type"] as? String {
    case "stream":
      check(
        output, name, required: ["output_type", "name", "text"], allowed: [],
        into: &problems)
      if !(output["name"] is String) { problems.append("\(name): name") }
      if !isMultilineString(output["text"]) { problems.append("\(name): text") }
    case "display_data":
      check(
        output, name, required: ["output_type", "data", "metadata"], allowed: [],
        into: &problems)
      guard let data = output["data"] as? [String: Any] else {
        problems.append("\(name): data")
        return
      }
      for (mime, value) in data where !isMultilineString(value) {
        problems.append("\(name): \(mime)")
      }
    case "error":
      check(
        output, name, required: ["output_type", "ename", "evalue", "traceback"],
        allowed: [], into: &problems)
      if !(output["ename"] is String && output["evalue"] is String) {
        problems.append("\(name): ename or evalue")
      }
      if !((output["traceback"] as? [Any])?.allSatisfy({ $0 is String }) ?? false) {
        problems.append("\(name): traceback")
      }
    default:
      problems.append("\(name) has no known output_type")
    }
  }

  /// Required keys present; with `allowed`, no key outside required + allowed.
  private static func check(
    _ object: [String: Any], _ name: String, required: [String], allowed: [String]?,
    into problems: inout [String]
  ) {
    for key in required where object[key] == nil { problems.append("\(name) lacks \(key)") }
    guard let allowed else { return }
    for key in object.keys.sorted() where !required.contains(key) && !allowed.contains(key) {
      problems.append("\(name) has \(key), which the schema does not allow")
    }
  }

  /// A string, or an array of strings: nbformat's multiline string.
  private static func isMultilineString(_ value: Any?) -> Bool {
    value is String || ((value as? [Any])?.allSatisfy { $0 is String } ?? false)
  }

  /// `^[a-zA-Z0-9-_]+$`, 1 to 64 characters.
  static func isCellID(_ id: String) -> Bool {
    (1...64).contains(id.count)
      && id.allSatisfy {
        $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")
      }
  }
}
