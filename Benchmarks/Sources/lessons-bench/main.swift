// lessons-bench: release-built measurements that `Benchmarks/run` prints next to CPython's.
//
//     lessons-bench futures [--tasks N] [--workers W] [--repeat R]
//     lessons-bench futures-memory [--tasks N] [--workers W] [--buffer B]
//
// Each mode is one type in its own file and one entry in `program`; the first argument picks
// it. `lessons-bench --help` lists them, `lessons-bench MODE --help` gives a mode's options.

import CommandLineKit

#if canImport(Glibc)
  import Glibc
#endif

let program = Program(
  name: "lessons-bench",
  discussion: "Release-built measurements that Benchmarks/run prints beside CPython's.",
  commands: [
    FuturesBenchmark.self, FuturesMemoryBenchmark.self, FlagsBenchmark.self,
    Flags2ThreadPoolBenchmark.self, Flags2AsyncBenchmark.self,
  ])
exit(program.main(Array(CommandLine.arguments.dropFirst())))
