/// Which runtime to make: live (real threads and time, at a speed) or virtual (the
/// deterministic scheduler, with a seed, a CPU count and a start of day). The one value the
/// command line, the notebook runner, `flags2` and the tests pass around to say how code runs.
///
///     let configuration = RuntimeConfiguration.virtual(seed: 7)
///     let runtime = configuration.makeRuntime { piece in print(piece.text, terminator: "") }
///     try runtime.run { runtime.console.display("hello") }
///     // [09:00:00] hello
public enum RuntimeConfiguration: Sendable, Equatable, CustomStringConvertible {
  /// Real OS threads on the real clock.
  case live(LiveSettings)
  /// Simulated threads on a virtual clock, one at a time.
  case virtual(VirtualSettings)

  /// The settings of a live runtime.
  public struct LiveSettings: Sendable, Equatable {
    /// How many times faster than real time; within ``Runtime/speeds``.
    public var speed: Double

    /// Live settings at `speed`.
    public init(speed: Double = 1) { self.speed = speed }
  }

  /// The settings of a virtual runtime.
  public struct VirtualSettings: Sendable, Equatable {
    /// The scheduler's seed; nil for the canonical first-come, first-served schedule.
    public var seed: UInt64?
    /// A recorded schedule to replay exactly (it wins over `seed`).
    public var schedule: Schedule?
    /// The CPU count the runtime reports (fixed, so output does not depend on the machine).
    public var cpuCount: Int
    /// The time of day the virtual clock starts at (09:00:00 by default).
    public var startOfDay: Duration

    /// Virtual settings; the defaults are the canonical schedule of the transcripts.
    public init(
      seed: UInt64? = nil, schedule: Schedule? = nil, cpuCount: Int = 4,
      startOfDay: Duration = .seconds(9 * 3600)
    ) {
      self.seed = seed
      self.schedule = schedule
      self.cpuCount = cpuCount
      self.startOfDay = startOfDay
    }
  }

  /// Virtual, with `seed` (nil: the canonical schedule) and the other settings' defaults.
  public static func virtual(seed: UInt64?) -> RuntimeConfiguration {
    .virtual(VirtualSettings(seed: seed))
  }

  /// Live, `speed` times faster than real time.
  public static func live(speed: Double) -> RuntimeConfiguration {
    .live(LiveSettings(speed: speed))
  }

  /// The canonical virtual schedule: no seed, 4 CPUs, 09:00:00 (what transcripts hold).
  public static let canonical = RuntimeConfiguration.virtual(VirtualSettings())

  /// Live at normal speed.
  public static let realTime = RuntimeConfiguration.live(LiveSettings())

  /// Whether the runtime will be the deterministic, virtual one.
  public var isVirtual: Bool {
    if case .virtual = self { return true }
    return false
  }

  /// The scheduler's seed of a virtual configuration.
  public var seed: UInt64? {
    if case .virtual(let settings) = self { return settings.seed }
    return nil
  }

  /// Makes the runtime, its console writing to `output`.
  public func makeRuntime(
    output: @escaping @Sendable (ConsoleOutput) -> Void = Console.standardOutput
  ) -> Runtime {
    switch self {
    case .live(let settings):
      return Runtime.live(speed: settings.speed, output: output)
    case .virtual(let settings):
      return Runtime.virtual(
        seed: settings.seed, schedule: settings.schedule, cpuCount: settings.cpuCount,
        startOfDay: settings.startOfDay,
        output: output)
    }
  }

  /// `live`, `live at 10x`, `virtual`, `virtual, seed 7`.
  public var description: String {
    switch self {
    case .live(let settings):
      return settings.speed == 1 ? "live" : "live at \(settings.speed)x"
    case .virtual(let settings):
      return settings.seed.map { "virtual, seed \($0)" } ?? "virtual"
    }
  }
}
