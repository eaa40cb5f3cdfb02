/// What `--set NAME=VALUE` asked for, checked against the sections of a run: each name must
/// be a knob of at least one of them, and its value in that knob's range.
///
/// With several sections (`lessons all --set workers=5`) a setting applies to those that
/// have the knob and is an error only when none has it.
///
///     var settings = ParameterSettings()
///     try settings.add("workers=5")
///     try settings.check([executorMap])
///     try settings.values(for: executorMap).workers   // 5
///     try settings.check([downloads])
///     // throws: 17.5 has no parameter 'workers' (it has none)
public struct ParameterSettings: Sendable, Equatable {
  /// One `NAME=VALUE`, as given.
  public struct Assignment: Sendable, Equatable {
    /// The knob's name.
    public var name: String
    /// The value, as written.
    public var text: String

    /// An assignment of `text` to the knob `name`.
    public init(name: String, text: String) {
      self.name = name
      self.text = text
    }

    /// `workers=5` read as a name and a value; anything else is an error naming the form.
    public init(parsing argument: String) throws(ParameterError) {
      let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ParameterError(
          "--set takes NAME=VALUE, such as workers=5, not '\(argument)'")
      }
      self.init(name: String(parts[0]), text: String(parts[1]))
    }
  }

  /// The assignments in the order given; a later one for the same name wins.
  public var assignments: [Assignment] = []

  /// No settings: every knob at its default.
  public init(_ assignments: [Assignment] = []) { self.assignments = assignments }

  /// Whether no knob was set.
  public var isEmpty: Bool { assignments.isEmpty }

  /// Adds `NAME=VALUE`, or says why it is not of that form.
  public mutating func add(_ argument: String) throws(ParameterError) {
    assignments.append(try Assignment(parsing: argument))
  }

  /// Checks every assignment against `sections`: its name is a knob of one of them at least,
  /// and its value fits the knob of each section that has it.
  public func check(_ sections: [Section]) throws(ParameterError) {
    for assignment in assignments {
      let having = sections.filter { section in
        section.parameters.contains { $0.name == assignment.name }
      }
      guard !having.isEmpty else { throw Self.unknown(assignment.name, in: sections) }
      for section in having {
        _ = try values(for: section)
      }
    }
  }

  /// The values in force for a run of `section`: its knobs at their defaults but for what
  /// was set; settings of knobs it lacks are left for other sections.
  public func values(for section: Section) throws(ParameterError) -> ParameterValues {
    var overrides: [String: Double] = [:]
    for assignment in assignments {
      guard let parameter = section.parameters.first(where: { $0.name == assignment.name })
      else { continue }
      do {
        overrides[parameter.name] = try parameter.value(from: assignment.text)
      } catch {
        throw ParameterError("--set \(error)")
      }
    }
    return ParameterValues(section.parameters, setting: overrides)
  }

  /// The error for a name no section of the run knows, naming the knobs there are.
  private static func unknown(_ name: String, in sections: [Section]) -> ParameterError {
    func names(_ section: Section) -> String {
      let names = section.parameters.map(\.name)
      guard let last = names.last else { return "" }
      return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }
    if sections.count == 1, let section = sections.first {
      let known =
        section.parameters.isEmpty ? "(it has none)" : "(its parameters: \(names(section)))"
      return ParameterError("\(section.id) has no parameter '\(name)' \(known)")
    }
    var known: [String] = []
    for parameter in sections.flatMap(\.parameters) where !known.contains(parameter.name) {
      known.append(parameter.name)
    }
    // Named when they fit on the line of a usage error; otherwise --params lists them.
    let list = known.isEmpty ? "none has any" : "known: " + known.joined(separator: ", ")
    let message = "no section has a parameter '\(name)' (\(list))"
    return ParameterError(
      message.count <= 70 ? message : "no section has a parameter '\(name)' (see --params)")
  }
}
