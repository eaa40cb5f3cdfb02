import ConcurrencyRuntime

/// `--virtual`, `--seed N` and `--speed X`: the options of every command that runs lessons
/// code, and the ``RuntimeConfiguration`` they choose.
///
/// `--seed` implies `--virtual`; `--speed` is for live runs and refused with either. A
/// command whose code cannot run faster (`flags2` today) includes the group without
/// `--speed`, and each command may word the help of `--virtual` and `--seed` for what they
/// mean to it. The value of `--seed` is read in one place, ``ValueParser/seed``, which
/// `lessons serve`'s own `--seed` reads too.
///
///     struct Values { var runtime = RuntimeOptions() }
///     let arguments = ArgumentSet(Values()).including(RuntimeOptions.group(), at: \.runtime)
///     try arguments.parse(["--seed", "7"]).values?.runtime.configuration
///     // .virtual(seed: 7)
///     try arguments.parse(["--speed", "10"]).values?.runtime.configuration
///     // .live(speed: 10)
public struct RuntimeOptions: Equatable, Sendable {
  /// `--virtual` was given.
  ///
  /// `--seed` makes the run virtual without it.
  ///
  ///     RuntimeOptions(virtual: true).virtual   // true
  public var virtual: Bool
  /// `--seed`'s value.
  ///
  /// nil for the canonical first-come, first-served schedule.
  ///
  ///     RuntimeOptions(seed: 7).seed   // 7
  public var seed: UInt64?
  /// `--speed`'s value.
  ///
  /// nil for normal speed.
  ///
  ///     RuntimeOptions(speed: 10).configuration   // .live(speed: 10)
  public var speed: Double?

  /// Options as given; the defaults choose a live run at normal speed.
  ///
  /// The parser fills them in; tests may write them directly.
  ///
  ///     RuntimeOptions(seed: 3).configuration   // .virtual(seed: 3)
  public init(virtual: Bool = false, seed: UInt64? = nil, speed: Double? = nil) {
    self.virtual = virtual
    self.seed = seed
    self.speed = speed
  }

  /// The runtime chosen: virtual with `--virtual` or `--seed`, otherwise live at `--speed`
  /// (1 by default).
  ///
  /// What the command hands to the notebook runner or the downloader.
  ///
  ///     RuntimeOptions(virtual: true).configuration   // .canonical
  ///     RuntimeOptions().configuration                // .realTime
  public var configuration: RuntimeConfiguration {
    isVirtual ? .virtual(seed: seed) : .live(speed: speed ?? 1)
  }

  /// Whether any of the options was given.
  ///
  /// A command that runs nothing without a section uses it to say so.
  ///
  ///     RuntimeOptions().isEmpty   // true
  public var isEmpty: Bool { self == RuntimeOptions() }

  private var isVirtual: Bool { virtual || seed != nil }

  /// The group's options and its check; `speed: false` leaves `--speed` out.
  ///
  /// The help texts are the lessons' unless given.
  ///
  ///     ArgumentSet(Values()).including(
  ///       RuntimeOptions.group(speed: false, virtualHelp: "use a mock network in virtual time"),
  ///       at: \.runtime, section: "options of this port")
  public static func group(
    speed: Bool = true, virtualHelp: String = Help.virtual, seedHelp: String = Help.seed,
    speedHelp: String = Help.speed
  ) -> OptionGroup<RuntimeOptions> {
    var options: [Option<RuntimeOptions>] = [
      .flag("--virtual", help: virtualHelp, set: \.virtual),
      .value("--seed", valueName: "N", help: seedHelp, parser: .seed, into: \.seed),
    ]
    if speed {
      options.append(
        .value("--speed", valueName: "X", help: speedHelp, parser: .speed, into: \.speed))
    }
    return OptionGroup(options: options, check: check)
  }

  /// `--speed` with `--virtual` or `--seed`: there is no speed to set in virtual time.
  private static func check(_ options: inout RuntimeOptions) throws(UsageError) {
    if options.isVirtual && options.speed != nil {
      throw UsageError("--speed is for live runs; virtual time has no speed to set")
    }
  }

  /// The lessons' help texts of the three options.
  ///
  /// A command that means something else by them passes its own to ``group(speed:virtualHelp:seedHelp:speedHelp:)``.
  ///
  ///     RuntimeOptions.Help.seed.hasSuffix("implies --virtual)")   // true
  public enum Help {
    /// `--virtual`: what the virtual clock and its scheduler do.
    ///
    /// For lessons, whose transcripts are virtual runs.
    ///
    ///     RuntimeOptions.Help.virtual.hasPrefix("run on a virtual clock")   // true
    public static let virtual = """
      run on a virtual clock with a deterministic scheduler: no waiting, and the same \
      output, byte for byte, every time (what transcripts/ holds). One simulated thread \
      runs at a time; time jumps to the next deadline when none can run; ties go \
      first-come, first-served.
      """
    /// `--seed N`: another interleaving, the same for the same seed.
    ///
    /// It gives the seed's range and says it implies `--virtual`.
    ///
    ///     RuntimeOptions.Help.seed.contains("0 to 18446744073709551615")   // true
    public static let seed = """
      with a virtual run, pick among the threads that could run at the same instant \
      pseudo-randomly: another valid interleaving, the same again for the same N (0 to \
      \(UInt64.max); implies --virtual)
      """
    /// `--speed X`: a live run, faster or slower.
    ///
    /// Its range is ``Runtime/speeds``.
    ///
    ///     RuntimeOptions.Help.speed.contains("from 0.01 to 1000")   // true
    public static let speed = """
      run live X times faster (2, 10, 0.5, ...; from \(DecimalText(Runtime.speeds.lowerBound)) \
      to \(DecimalText(Runtime.speeds.upperBound))): sleeps and time-outs shrink, stamps show \
      the time the lesson would have taken
      """
  }
}

extension ValueParser where Value == UInt64 {
  /// A seed: a whole number from 0 to 2^64 - 1. The one place a seed is read, whichever
  /// option reads it (`lessons --seed`, `flags2 --seed`, `serve --seed`).
  ///
  /// Its message fits 80 columns after `lessons: ` or `*** Usage error: `.
  ///
  ///     try ValueParser.seed.parse("-1", ValueContext(name: "--seed"))
  ///     // throws: --seed must be a whole number from 0 to 2^64 - 1, not '-1'
  public static var seed: ValueParser<UInt64> {
    ValueParser { text, context throws(UsageError) in
      guard let seed = UInt64(text), text.first?.isNumber == true else {
        throw context.invalid(text, "must be a whole number from 0 to 2^64 - 1")
      }
      return seed
    }
  }
}

extension ValueParser where Value == Double {
  /// A live runtime's speed, within ``Runtime/speeds``.
  ///
  /// The message gives the range and two examples.
  ///
  ///     try ValueParser.speed.parse("0", ValueContext(name: "--speed"))
  ///     // throws: --speed must be from 0.01 to 1000 (such as 2 or 0.5), not '0'
  public static var speed: ValueParser<Double> {
    let range = Runtime.speeds
    return number(
      in: range,
      requirement:
        "must be from \(DecimalText(range.lowerBound)) to \(DecimalText(range.upperBound)) "
        + "(such as 2 or 0.5)")
  }
}
