extension VirtualBackend {
  /// The virtual cores' busy time: only ``Runtime/compute(for:)`` costs CPU in virtual time.
  var cpuTime: Duration { cores.busyTime }
}
