import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The temporary files being written right now, so that a process that has to stop at once
/// (its output gone, Ctrl-C) can remove them and leave nothing half-written behind.
///
/// A writer registers a path before it creates the file and unregisters it once the file is
/// renamed into place or removed. ``removeAll()`` refuses new registrations, gives the writes
/// under way a moment to finish (a flag takes microseconds), then deletes whatever is still
/// registered, so no temporary file can appear after the clean-up.
///
///     guard TemporaryFiles.register(path) else { throw Stopping() }
///     defer { TemporaryFiles.unregister(path) }
///     // create, write, rename
public enum TemporaryFiles {
  private struct State {
    var paths: Set<String> = []
    var closed = false
  }

  // An NSLock (a pthread mutex) rather than Synchronization's Mutex: the Thread Sanitizer sees
  // a pthread mutex's ordering, but not that of Mutex's futex on Linux, and reported every
  // contended register/unregister as a race.
  private static let state = Locked(State())

  /// A value behind an `NSLock`.
  private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
      try lock.withLock { try body(&value) }
    }
  }

  /// Records `path` as about to be written; false once ``removeAll()`` has run.
  public static func register(_ path: String) -> Bool {
    state.withLock { state in
      guard !state.closed else { return false }
      state.paths.insert(path)
      return true
    }
  }

  /// Forgets `path`: it was renamed into place or removed.
  public static func unregister(_ path: String) {
    _ = state.withLock { $0.paths.remove(path) }
  }

  /// Accepts no more files, waits up to `grace` for the writes under way, then removes the
  /// files still registered; returns how many it removed.
  @discardableResult
  public static func removeAll(grace: Duration = .seconds(1)) -> Int {
    state.withLock { $0.closed = true }
    let clock = ContinuousClock()
    let deadline = clock.now + grace
    while state.withLock({ !$0.paths.isEmpty }) && clock.now < deadline {
      usleep(1000)
    }
    let paths = state.withLock { state in
      defer { state.paths = [] }
      return state.paths
    }
    return paths.filter { unlink($0) == 0 }.count
  }
}
