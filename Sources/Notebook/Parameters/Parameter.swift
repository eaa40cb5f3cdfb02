/// A knob of a section: a number its cells read, with a default, a range and one line of
/// help, as papermill gives a notebook's parameters cell.
///
/// A section declares its knobs next to its cells; `lessons 17.4 --set workers=5` runs it
/// with another value, and `lessons 17.4 --params` lists them. A cell reads the value in
/// force as `parameters.workers` (see ``ParameterValues``).
///
///     let workers = Parameter.integer(
///       "workers", default: 3, in: 1...10, help: "threads in the pool")
///     try workers.value(from: "5")    // 5
///     try workers.value(from: "0")
///     // throws: workers must be a whole number from 1 to 10, not '0'
public struct Parameter: Sendable, Equatable {
  /// What kind of number the knob takes.
  public enum Kind: Sendable, Equatable {
    /// A whole number (`workers=5`).
    case integer
    /// A number of seconds, fractions allowed (`latency=0.2`).
    case seconds
  }

  /// The name `--set` takes and cells read (`workers`).
  public let name: String
  /// Whole numbers or seconds.
  public let kind: Kind
  /// The value the section's prose and transcript describe.
  public let defaultValue: Double
  /// The values allowed, both ends included.
  public let range: ClosedRange<Double>
  /// One line saying what the knob changes.
  public let help: String

  /// A knob that takes whole numbers in `range`.
  ///
  ///     .integer("calls", default: 5, in: 1...5, help: "how many loiter calls")
  public static func integer(
    _ name: String, default value: Int, in range: ClosedRange<Int>, help: String
  ) -> Parameter {
    Parameter(
      name: name, kind: .integer, defaultValue: Double(value),
      range: Double(range.lowerBound)...Double(range.upperBound), help: help)
  }

  /// A knob that takes a number of seconds in `range`.
  ///
  ///     .seconds("latency", default: 0.5, in: 0.1...2, help: "how long the server waits")
  public static func seconds(
    _ name: String, default value: Double, in range: ClosedRange<Double>, help: String
  ) -> Parameter {
    Parameter(name: name, kind: .seconds, defaultValue: value, range: range, help: help)
  }

  private init(
    name: String, kind: Kind, defaultValue: Double, range: ClosedRange<Double>, help: String
  ) {
    precondition(range.contains(defaultValue), "\(name)'s default is outside its range")
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.range = range
    self.help = help
  }

  /// The value `text` gives the knob, or why it cannot: the message names the range.
  ///
  ///     try latency.value(from: "0.25")   // 0.25
  public func value(from text: String) throws(ParameterError) -> Double {
    let value: Double?
    switch kind {
    case .integer: value = Int(text).map(Double.init)
    case .seconds: value = Double(text).flatMap { $0.isFinite ? $0 : nil }
    }
    guard let value, range.contains(value) else {
      throw ParameterError("\(name) must be \(requirement), not '\(text)'")
    }
    return value
  }

  /// What values are allowed, in words: `a whole number from 1 to 10`, `seconds from 0.1
  /// to 2`.
  public var requirement: String {
    switch kind {
    case .integer: "a whole number from \(rangeText)"
    case .seconds: "seconds from \(rangeText)"
    }
  }

  /// The range as `--params` lists it: `1 to 10`.
  public var rangeText: String {
    "\(format(range.lowerBound)) to \(format(range.upperBound))"
  }

  /// A value as cells and headers show it: `5`, `0.5`.
  public func format(_ value: Double) -> String {
    if kind == .integer || value == value.rounded() { return String(Int(value)) }
    return String(value)
  }
}

/// A `--set` that cannot be applied, said in one line that names what is valid.
public struct ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The line.
  public var description: String

  /// An error saying `description`.
  public init(_ description: String) { self.description = description }
}
