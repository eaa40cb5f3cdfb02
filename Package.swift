// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "lessons",
  products: [
    .executable(name: "lessons", targets: ["lessons"]),
    .library(name: "ConcurrencyRuntime", targets: ["ConcurrencyRuntime"]),
    .library(name: "Futures", targets: ["Futures"]),
    // Golden files (byte-for-byte comparison, unified diff, record modes) and their test
    // framework adapters; TranscriptTesting builds snapshot tests of concurrent code on them.
    .library(name: "GoldenFiles", targets: ["GoldenFiles"]),
    .library(name: "GoldenFilesTesting", targets: ["GoldenFilesTesting"]),
    .library(name: "GoldenFilesXCTest", targets: ["GoldenFilesXCTest"]),
    .library(name: "TranscriptTesting", targets: ["TranscriptTesting"]),
    .library(name: "Digest", targets: ["Digest"]),
  ],
  targets: [
    // Libraries
    .target(name: "ConcurrencyRuntime", dependencies: ["CLinux"]),
    .target(name: "CommandLineKit", dependencies: ["ConcurrencyRuntime"]),
    .target(name: "Futures", dependencies: ["ConcurrencyRuntime"]),
    .target(name: "Digest"),
    .target(name: "Flags", dependencies: ["ConcurrencyRuntime", "CommandLineKit"]),
    .target(name: "Notebook", dependencies: ["ConcurrencyRuntime"]),
    .target(name: "GoldenFiles"),
    // Thin adapters that report a golden-file comparison in one test framework each. The core
    // stays free of both, so that code outside tests can use it.
    .target(name: "GoldenFilesTesting", dependencies: ["GoldenFiles"]),
    .target(name: "GoldenFilesXCTest", dependencies: ["GoldenFiles"]),
    // Snapshot tests of concurrent output: a closure run in the virtual runtime, compared with
    // a golden file beside the test, and checked under many seeds.
    .target(name: "TranscriptTesting", dependencies: ["ConcurrencyRuntime", "GoldenFiles"]),
    .target(
      name: "Lessons",
      dependencies: [
        "ConcurrencyRuntime", "Futures", "Flags", "Notebook", "CommandLineKit", "Digest",
      ],
      path: "Lessons",
      plugins: ["CellSourcePlugin"]
    ),

    // System calls Glibc's module leaves out (epoll, eventfd), for the runtime's event loop
    .target(name: "CLinux"),

    // Build tools: the code a cell shows is extracted from the file that compiles it
    .executableTarget(name: "CellSourceTool"),
    .plugin(
      name: "CellSourcePlugin",
      capability: .buildTool(),
      dependencies: ["CellSourceTool"],
      path: "Sources/CellSourcePlugin"
    ),

    // Executable
    .executableTarget(
      name: "lessons",
      dependencies: [
        "Lessons", "Notebook", "ConcurrencyRuntime", "Flags", "CommandLineKit", "Futures",
      ]),

    // Benchmarks
    .executableTarget(
      name: "lessons-bench",
      dependencies: [
        "ConcurrencyRuntime", "Futures", "Flags", "Lessons", "Notebook", "CommandLineKit",
        "Digest", "Stress", "GoldenFiles", "TranscriptTesting",
      ],
      path: "Benchmarks/Sources/lessons-bench"
    ),

    // Test fixtures: the process-pool tests' worker functions and the executable hosting them
    .target(
      name: "WorkerFixtures", dependencies: ["Futures", "ConcurrencyRuntime", "Digest"],
      path: "Tests/WorkerFixtures"),
    .executableTarget(
      name: "lessons-test-worker",
      dependencies: ["WorkerFixtures", "Futures", "ConcurrencyRuntime", "Stress"],
      path: "Tests/ProcessPoolWorker"),
    // Load and stress drivers that check every outcome: small in the tests, full size in
    // `lessons-bench load` and `lessons-bench stress`
    .target(
      name: "Stress", dependencies: ["ConcurrencyRuntime", "Futures", "Flags"],
      path: "Tests/Stress"),

    // Tests, and the misbehaving HTTP servers that the flag client's tests talk to
    .target(name: "FaultServers", path: "Tests/FaultServers"),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "ConcurrencyRuntimeTests", dependencies: ["ConcurrencyRuntime"]),
    .testTarget(name: "FuturesTests", dependencies: ["Futures", "ConcurrencyRuntime", "Stress"]),
    .testTarget(
      name: "ProcessPoolTests",
      dependencies: [
        "Futures", "ConcurrencyRuntime", "Digest", "WorkerFixtures", "lessons-test-worker",
        "Stress",
      ]),
    .testTarget(name: "DigestTests", dependencies: ["Digest"]),
    .testTarget(
      name: "CommandLineKitTests", dependencies: ["CommandLineKit", "ConcurrencyRuntime"]),
    .testTarget(
      name: "FlagsTests",
      dependencies: [
        "Flags", "ConcurrencyRuntime", "CommandLineKit", "FaultServers", "TestSupport", "Stress",
      ]),
    .testTarget(
      name: "NotebookTests", dependencies: ["Notebook", "ConcurrencyRuntime", "TestSupport"]),
    .testTarget(
      name: "LessonsTests",
      dependencies: [
        "Lessons", "Notebook", "ConcurrencyRuntime", "Futures", "Flags", "FaultServers",
        "GoldenFiles",
        "GoldenFilesTesting", "CommandLineKit", "TestSupport",
      ]),
    .testTarget(
      name: "GoldenFilesTests",
      dependencies: ["GoldenFiles", "GoldenFilesTesting", "GoldenFilesXCTest"]),
    .testTarget(name: "CLITests", dependencies: ["lessons", "Notebook"]),
    .testTarget(
      name: "TranscriptTestingTests",
      dependencies: ["TranscriptTesting", "ConcurrencyRuntime", "Futures", "GoldenFiles"],
      exclude: ["__Transcripts__"]),
  ]
)
