import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A pthread mutex and condition variable on the monotonic clock; time-outs are divided by the
/// runtime's speed.
///
/// Whether its waits are traced is settled when it is made: a condition made while the trace
/// records blocking carries what tracing needs, one made while it does not carries nothing
/// and costs nothing (the futures benchmark makes one per task).
final class LiveCondition: RuntimeCondition, @unchecked Sendable {
  /// What a traced condition needs to record its waits.
  private final class Tracing: Sendable {
    let trace: Trace
    let clock: LiveClock
    let reason: BlockReason
    let label: String

    init(trace: Trace, clock: LiveClock, reason: BlockReason, label: String) {
      self.trace = trace
      self.clock = clock
      self.reason = reason
      self.label = label
    }
  }

  /// One allocation holds both: the mutex, then the condition variable.
  private let storage: UnsafeMutableRawPointer
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let cond: UnsafeMutablePointer<pthread_cond_t>
  private let speed: Double
  private let tracing: Tracing?

  private static let condOffset =
    (MemoryLayout<pthread_mutex_t>.stride + MemoryLayout<pthread_cond_t>.alignment - 1)
    / MemoryLayout<pthread_cond_t>.alignment * MemoryLayout<pthread_cond_t>.alignment

  init(clock: LiveClock, trace: Trace, label: String, reason: BlockReason?) {
    self.speed = clock.speed
    self.tracing =
      trace.recordsBlocking
      ? Tracing(trace: trace, clock: clock, reason: reason ?? .condition(label), label: label)
      : nil
    storage = .allocate(
      byteCount: Self.condOffset + MemoryLayout<pthread_cond_t>.stride,
      alignment: max(
        MemoryLayout<pthread_mutex_t>.alignment, MemoryLayout<pthread_cond_t>.alignment))
    mutex = storage.bindMemory(to: pthread_mutex_t.self, capacity: 1)
    cond = (storage + Self.condOffset).bindMemory(to: pthread_cond_t.self, capacity: 1)
    var mutexAttributes = pthread_mutexattr_t()
    pthread_mutexattr_init(&mutexAttributes)
    pthread_mutexattr_settype(&mutexAttributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
    pthread_mutex_init(mutex, &mutexAttributes)
    pthread_mutexattr_destroy(&mutexAttributes)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    pthread_cond_init(cond, &attributes)
    pthread_condattr_destroy(&attributes)
  }

  deinit {
    pthread_cond_destroy(cond)
    pthread_mutex_destroy(mutex)
    storage.deallocate()
  }

  func lock() {
    if pthread_mutex_trylock(mutex) == 0 { return }
    Scheduler.refuseLiveObject("lock() on \(tracing?.label ?? "a lock")")
    guard let tracing, tracing.trace.recordsBlocking else {
      pthread_mutex_lock(mutex)
      return
    }
    tracing.trace.record(.blocked(.lock(tracing.label, heldBy: nil)), at: tracing.clock.elapsed)
    pthread_mutex_lock(mutex)
    tracing.trace.record(.unblocked, at: tracing.clock.elapsed)
  }
  func unlock() { pthread_mutex_unlock(mutex) }
  func notify() { pthread_cond_signal(cond) }
  func notifyAll() { pthread_cond_broadcast(cond) }

  func wait(timeout: Duration?) -> Bool {
    Scheduler.refuseLiveObject("wait() on \(tracing?.label ?? "a condition")")
    guard let tracing, tracing.trace.recordsBlocking else { return waitUntraced(timeout: timeout) }
    tracing.trace.record(.blocked(tracing.reason), at: tracing.clock.elapsed)
    defer { tracing.trace.record(.unblocked, at: tracing.clock.elapsed) }
    return waitUntraced(timeout: timeout)
  }

  private func waitUntraced(timeout: Duration?) -> Bool {
    guard let timeout else {
      pthread_cond_wait(cond, mutex)
      return true
    }
    let nanos = LiveClock.realNanoseconds(timeout, speed: speed)
    if nanos <= 0 { return false }
    var deadline = timespec()
    clock_gettime(CLOCK_MONOTONIC, &deadline)
    let total = Int64(deadline.tv_nsec) + nanos % 1_000_000_000
    deadline.tv_sec += Int(nanos / 1_000_000_000 + total / 1_000_000_000)
    deadline.tv_nsec = Int(total % 1_000_000_000)
    return pthread_cond_timedwait(cond, mutex, &deadline) != ETIMEDOUT
  }
}
