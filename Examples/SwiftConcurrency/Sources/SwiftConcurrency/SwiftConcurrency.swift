// SwiftConcurrency: small programs written the way Swift developers write concurrent code
// today, with nothing but the standard library and Foundation: a task group with a bounded
// window of downloads, `async let` with a time-out, an actor cache that shares in-flight
// fetches, an expiring cache with a race planted in it, an `AsyncStream` pipeline,
// `Task.detached` work gathered by its caller, and a continuation resumed from Dispatch.
//
// Every program sleeps with plain `Task.sleep(for:)` and writes its lines through a `log`
// closure it is given, so that a caller decides where they go: `print` in a program, the
// virtual runtime's console in the tests, where the same code runs on a virtual clock.

/// Where a program writes its lines: one call per line, without the newline.
///
///     let log: Log = { print($0) }
///     try await FlagDownloader(maxInFlight: 4, log: log).downloadAll(["BR", "CN"])
public typealias Log = @Sendable (String) -> Void
