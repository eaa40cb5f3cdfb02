import ConcurrencyRuntime

extension RuntimeCondition {
  /// Waits, lock held, while `pending()` is true, until `deadline` on `runtime`'s clock (nil:
  /// no limit); false if the deadline came first. How `Future` and `Waiter` block.
  ///
  /// Live and without a deadline, it first polls `ready` once, for a few microseconds with the
  /// lock released, if `mayPoll()` says the wait is likely short: cheaper than a sleep and a
  /// wake-up. In virtual time nothing else runs meanwhile, so it goes straight to waiting.
  @inlinable
  func wait(
    while pending: () -> Bool, until deadline: Duration?, runtime: Runtime,
    polling ready: () -> Bool, when mayPoll: () -> Bool = { true }
  ) -> Bool {
    var polled = false
    while pending() {
      guard let deadline else {
        if !polled && runtime.capabilities.spinningPays && mayPoll() {
          polled = true
          unlock()
          _ = runtime.spin(until: ready)
          lock()
          continue
        }
        wait()
        continue
      }
      let remaining = deadline - runtime.now
      if remaining <= .zero { return false }
      wait(timeout: remaining)
    }
    return true
  }
}
