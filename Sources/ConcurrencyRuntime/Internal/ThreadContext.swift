import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What the calling thread belongs to: its runtime, its name, and in virtual time its simulated
/// thread. Kept in thread-local storage so that `Runtime.current` costs one lookup.
final class ThreadContext: @unchecked Sendable {
  let runtime: Runtime
  let name: String
  let simulated: SimulatedThread?

  init(runtime: Runtime, name: String, simulated: SimulatedThread? = nil) {
    self.runtime = runtime
    self.name = name
    self.simulated = simulated
  }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { pointer in
      guard let pointer else { return }
      Unmanaged<ThreadContext>.fromOpaque(pointer).release()
    }
    precondition(status == 0, "pthread_key_create failed")
    return key
  }()

  /// The calling thread's context, if it runs inside a runtime.
  static var current: ThreadContext? {
    guard let pointer = pthread_getspecific(key) else { return nil }
    return Unmanaged<ThreadContext>.fromOpaque(pointer).takeUnretainedValue()
  }

  /// Whether the calling thread runs inside a runtime.
  static var isInstalled: Bool { pthread_getspecific(key) != nil }

  /// Makes `context` the calling thread's, returning the one it replaces.
  @discardableResult
  static func install(_ context: ThreadContext?) -> ThreadContext? {
    let old = pthread_getspecific(key)
    pthread_setspecific(key, context.map { Unmanaged.passRetained($0).toOpaque() })
    return old.map { Unmanaged<ThreadContext>.fromOpaque($0).takeRetainedValue() }
  }
}
