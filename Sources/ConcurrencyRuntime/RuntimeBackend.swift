import Foundation

/// What a flavour of runtime implements; `Runtime` is the one public face of both.
protocol RuntimeBackend: AnyObject, Sendable {
  var capabilities: RuntimeCapabilities { get }
  var seed: UInt64? { get }
  var schedule: Schedule? { get }
  var speed: Double { get }
  var cpuCount: Int { get }
  var startOfDay: Duration { get }
  var now: Duration { get }

  func run<T: Sendable>(runtime: Runtime, _ body: @escaping @Sendable () throws -> T) throws -> T
  func sleep(for duration: Duration, trace: Trace)
  func spawn(runtime: Runtime, name: String, _ body: @escaping @Sendable () -> Void)
    -> any RuntimeThread
  func makeCondition(_ label: String, reason: BlockReason?, trace: Trace) -> any RuntimeCondition
  func address(of object: AnyObject) -> String
  func yieldPoint()
  func spin(until ready: () -> Bool) -> Bool
  func runAsync<T: Sendable>(runtime: Runtime, _ body: @escaping @Sendable () async throws -> T)
    throws -> T
  func sleep(until deadline: Duration) async throws
  func startWorkerProcess(runtime: Runtime, _ launch: WorkerProcessLaunch) throws
    -> any WorkerProcess
  func compute(for duration: Duration)
  var processID: Int32 { get }
  var cpuTime: Duration { get }
}
