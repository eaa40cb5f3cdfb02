import Futures

/// The worker functions of the lessons: what a process pool in a lesson can send to its
/// worker processes.
///
/// Live, a lesson's process pool starts this very program again as `lessons worker`, which
/// hosts this registry (`WorkerHost.run(registry:name:)`); in virtual time the pool's
/// simulated processes host it. Either way a job names one of these functions and carries its
/// argument, encoded, as Python's `ProcessPoolExecutor` pickles a module-level function and
/// its argument.
///
///     try withProcessPoolExecutor(registry: LessonWorkers.registry) { executor in
///       try executor.map(shaInWorker, jobs)
///     }
public enum LessonWorkers {
  /// Every worker function of the lessons, by name: `flag` (17.3's flag download
  /// by country code from a site's address) and `sha` (17.3's CPU-bound job, which returns
  /// its digest and the worker's process id).
  public static let registry: WorkerRegistry = {
    var registry = WorkerRegistry()
    registry.register(downloadFlagInWorker)
    registry.register(shaInWorker)
    return registry
  }()
}
