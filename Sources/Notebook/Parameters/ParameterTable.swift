/// What `lessons SECTION --params` prints: each section's knobs with their default, range
/// and help, in columns.
///
///     print(ParameterTable.text(for: [executorMap]), terminator: "")
///     // 17.4  Experimenting with Executor.map
///     //   workers  default 3  1 to 10  threads in the pool
///     //   calls    default 5  1 to 5   calls of loiter, from loiter(0)
///     //
///     // Change one with --set NAME=VALUE, such as 'lessons 17.4 --set workers=5'.
public enum ParameterTable {
  /// The knobs of `sections`, each section under its heading; one without knobs says so.
  public static func text(for sections: [Section]) -> String {
    var text = ""
    for section in sections {
      if !text.isEmpty { text += "\n" }
      text += "\(section.id)  \(section.title)\n"
      let rows = section.parameters.map { parameter in
        [
          parameter.name, "default \(parameter.format(parameter.defaultValue))",
          parameter.rangeText, parameter.help,
        ]
      }
      guard !rows.isEmpty else {
        text += "  no parameters\n"
        continue
      }
      let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
      for row in rows {
        var line = " "
        for (column, cell) in row.enumerated() {
          let pad = column < 3 ? String(repeating: " ", count: widths[column] - cell.count) : ""
          line += " " + cell + pad + (column < 3 ? " " : "")
        }
        text += line + "\n"
      }
    }
    if let example = sections.first(where: { !$0.parameters.isEmpty }),
      let first = example.parameters.first
    {
      let value = first.format(min(first.defaultValue + 2, first.range.upperBound))
      text += "\nChange one with --set NAME=VALUE, such as "
      text += "'lessons \(example.id) --set \(first.name)=\(value)'.\n"
    }
    return text
  }
}
