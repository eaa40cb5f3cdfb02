import Testing

/// Every suite of the example, one test at a time.
///
/// Each test blocks the thread it runs on while its virtual runs go on, and on Linux the
/// threads of `DispatchQueue.global()` are the ones Swift Testing runs tests on: two tests
/// at once on a 2-core machine leave no thread for the Dispatch timer of ``LegacyCallback``,
/// whose escape then shows as a deadlock instead. Run one at a time, the whole suite is
/// also faster here (1.7 s against 2.1 s).
@Suite(.serialized) enum SwiftConcurrencyTests {}
