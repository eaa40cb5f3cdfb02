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

  // An NSLock (`Protected`), not Synchronization's Mutex: on Linux the Mutex locks with a
  // futex inside the uninstrumented standard library, so the Thread Sanitizer cannot see it
  // and reports the accesses it guards as races.
  private static let state = Protected(State())

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
