// lessons-bench: release-built measurements that `Benchmarks/run` prints next to CPython's.
//
//     lessons-bench futures [--tasks N] [--workers W] [--repeat R]
//     lessons-bench futures-memory [--tasks N] [--workers W] [--buffer B]
//     lessons-bench procpool [--roundtrips N] [--jobs J] [--bytes B] [--repeat R]
//     lessons-bench load [--connections C] [--requests N] [--downloads D] [--port P]
//     lessons-bench stress [--tasks N] [--jobs J] [--seed S] [--stall-limit T]
//     lessons-bench makespan [--runs R]
//     lessons-bench virtual-async [--seeds N] [--iterations I] [--runs R]
//     lessons-bench worker          (the process pool's worker: started by procpool itself)
//
// Each mode is one type in its own file and one entry in `program`; the first argument picks
// it. `lessons-bench --help` lists them, `lessons-bench MODE --help` gives a mode's options.

import CommandLineKit
import Futures

#if canImport(Glibc)
  import Glibc
#endif

// The process pool starts this executable again as its worker.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["worker"] { WorkerHost.run(registry: BenchmarkWorkers.registry) }

let program = Program(
  name: "lessons-bench",
  discussion: "Release-built measurements that Benchmarks/run prints beside CPython's.",
  commands: [
    FuturesBenchmark.self, FuturesMemoryBenchmark.self, FlagsBenchmark.self,
    Flags2ThreadPoolBenchmark.self, Flags2AsyncBenchmark.self, ProcessPoolBenchmark.self,
    LoadBenchmark.self, StressBenchmark.self,
    LiveMakespanBenchmark.self, VirtualAsyncBenchmark.self,
  ])
exit(program.main(arguments))
