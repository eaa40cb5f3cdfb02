import ConcurrencyRuntime

/// A synchronous body that runs async `body` on the virtual runtime's task executor, for the
/// seeded checks (`assertInvariants`, `findViolations`) that take synchronous bodies.
func inVirtualAsync(_ body: @escaping @Sendable () async throws -> Void)
  -> @Sendable () throws -> Void
{
  { try Runtime.current.runAsync(body) }
}
