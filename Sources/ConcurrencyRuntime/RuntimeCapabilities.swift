/// What a runtime can and cannot do, for libraries built on it (such as `Futures`) to ask
/// instead of asking which kind of runtime it is: a third kind would then need no change
/// there.
///
///     if runtime.capabilities.spinningPays { _ = runtime.spin(until: ready) }
public struct RuntimeCapabilities: Sendable, Equatable {
  /// Whether polling for a few microseconds before sleeping can pay off: true where other
  /// threads really run meanwhile (live), false where nothing else runs until the caller
  /// blocks (virtual).
  public var spinningPays: Bool

  /// Whether ``Runtime/address(of:)`` hands out addresses in the order it is asked, so an
  /// object must ask once, when it is made, and keep the answer (virtual); otherwise the
  /// address is the object's own and may be asked at any time (live).
  public var addressesInOrderOfAsking: Bool

  /// Whether the runtime's locks and conditions may be used from a thread outside it (live:
  /// they are plain OS primitives); virtual ones work only on the runtime's own threads.
  public var primitivesWorkOutside: Bool

  /// Whether running code takes time on the runtime's clock (live: the clock is real time);
  /// false where only waiting and declared CPU work move it (virtual:
  /// ``Runtime/compute(for:)``, ``Runtime/accountCPU(for:)``).
  public var codeTakesTime: Bool

  /// Capabilities with every value given (`codeTakesTime` true unless said otherwise).
  public init(
    spinningPays: Bool, addressesInOrderOfAsking: Bool, primitivesWorkOutside: Bool,
    codeTakesTime: Bool = true
  ) {
    self.spinningPays = spinningPays
    self.addressesInOrderOfAsking = addressesInOrderOfAsking
    self.primitivesWorkOutside = primitivesWorkOutside
    self.codeTakesTime = codeTakesTime
  }
}
