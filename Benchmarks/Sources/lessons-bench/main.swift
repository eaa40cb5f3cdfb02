// lessons-bench: release-built measurements that `Benchmarks/run` prints next to CPython's.
//
//     lessons-bench futures [--tasks N] [--workers W] [--repeat R]
//     lessons-bench futures-memory [--tasks N] [--workers W] [--buffer B]
//     lessons-bench procpool [--roundtrips N] [--jobs J] [--bytes B] [--repeat R]
//     lessons-bench worker          (the process pool's worker: started by procpool itself)
//
// Each mode is one type in its own file and one entry in `modes`; the first argument picks it.

import Futures

#if canImport(Glibc)
  import Glibc
#endif

/// Every mode, in the order usage lists them. To add one, add a file with a `BenchmarkMode`
/// type and one entry here.
let modes: [any BenchmarkMode.Type] = [
  FuturesBenchmark.self,
  FuturesMemoryBenchmark.self,
  FlagsBenchmark.self,
  ProcessPoolBenchmark.self,
]

let arguments = Array(CommandLine.arguments.dropFirst())

// The process pool starts this executable again as its worker.
if arguments == ["worker"] { WorkerHost.run(registry: BenchmarkWorkers.registry) }

@MainActor func usage() -> String {
  var text = "usage: lessons-bench MODE [options]\n\nmodes:\n"
  for mode in modes {
    text += "  \(mode.name.padding(12))\(mode.summary)\n"
    text += "  \("".padding(12))\(mode.usage)\n"
  }
  return text
}

guard let first = arguments.first, first != "--help", first != "-h" else {
  BenchmarkOutput.line(usage(), terminator: "")
  exit(arguments.isEmpty ? 2 : 0)
}

guard let mode = modes.first(where: { $0.name == first }) else {
  BenchmarkOutput.error("lessons-bench: unknown mode '\(first)' (try --help)")
  exit(2)
}

do {
  let options = try BenchmarkOptions(Array(arguments.dropFirst()))
  if options.wantsHelp {
    BenchmarkOutput.line("usage: lessons-bench \(mode.usage)")
    exit(0)
  }
  try mode.run(options)
} catch let error as BenchmarkOptions.UsageError {
  BenchmarkOutput.error("lessons-bench \(mode.name): \(error.message)")
  exit(2)
} catch {
  BenchmarkOutput.error("lessons-bench \(mode.name): \(error)")
  exit(1)
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
