import ConcurrencyRuntime
import Foundation

/// What a section's cells need around them for one run — servers started, a folder made —
/// prepared by the section before its first cell and torn down after its last.
///
/// A section that needs one gives ``Section`` a `prepare` function. The runner calls it with
/// the run's ``SectionContext``, keeps the environment it returns while the cells run, and
/// calls ``tearDown()`` when they are done, whether they ran through or not. Cells, and the
/// functions they call on any thread of the run, find it as `current`, the way Python code
/// finds a module's globals:
///
///     final class Servers: SectionEnvironment {
///       let url: String
///       init(url: String) { self.url = url }
///       func tearDown() { print("servers stopped") }
///     }
///     // in a cell, on any thread of the run:
///     let url = Servers.current?.url
public protocol SectionEnvironment: AnyObject, Sendable {
  /// Undoes what preparing did that must not outlive the run (stops servers); leaves alone
  /// what the learner keeps (the files a section saved). Called once, after the last cell.
  func tearDown()
}

extension SectionEnvironment {
  /// The environment of this type that the section running on the calling thread's runtime
  /// was prepared with; nil outside such a run.
  public static var current: Self? {
    EnvironmentRegistry.environment(of: Runtime.current) as? Self
  }
}

/// What the runner tells a section about the run it prepares for.
public struct SectionContext: Sendable {
  /// The section's number (`17.1`).
  public var sectionID: String
  /// The runtime its cells will run in.
  public var runtime: Runtime
  /// Live (with its speed) or virtual: how the runtime was made.
  public var configuration: RuntimeConfiguration
  /// Where the section should save the files it makes, as the user chose; nil when the user
  /// did not, and a live section then saves in a fresh temporary folder that it names.
  /// Virtual runs save nothing anywhere.
  public var destination: String?
  /// Shows a short note before the cells (the servers started, the folder chosen).
  public var note: @Sendable (String) -> Void
  /// The values of the section's knobs in force for the run (`--set`).
  public var parameters: ParameterValues
  /// The language the section reads in, which its notes are written in.
  public var language: Language

  /// A context with every field given.
  public init(
    sectionID: String, runtime: Runtime, configuration: RuntimeConfiguration,
    destination: String?, language: Language = .english,
    note: @escaping @Sendable (String) -> Void, parameters: ParameterValues = ParameterValues()
  ) {
    self.parameters = parameters
    self.sectionID = sectionID
    self.runtime = runtime
    self.configuration = configuration
    self.destination = destination
    self.language = language
    self.note = note
  }

  /// How many times faster than real time the run goes (1 in virtual time, where it does
  /// not apply).
  public var speed: Double {
    if case .live(let settings) = configuration { return settings.speed }
    return 1
  }
}

/// The environments of the runs under way, by runtime: how `current` finds one from any
/// thread of a run.
///
/// Guarded by an NSLock rather than Synchronization's Mutex, which the Thread Sanitizer cannot
/// see on Linux (it locks with a futex inside the uninstrumented standard library).
enum EnvironmentRegistry {
  private final class Table: @unchecked Sendable {
    let lock = NSLock()
    var environments: [ObjectIdentifier: any SectionEnvironment] = [:]
  }

  private static let table = Table()

  static func register(_ environment: any SectionEnvironment, for runtime: Runtime) {
    table.lock.withLock { table.environments[ObjectIdentifier(runtime)] = environment }
  }

  static func remove(for runtime: Runtime) {
    table.lock.withLock { table.environments[ObjectIdentifier(runtime)] = nil }
  }

  static func environment(of runtime: Runtime) -> (any SectionEnvironment)? {
    table.lock.withLock { table.environments[ObjectIdentifier(runtime)] }
  }
}
