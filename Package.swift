// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "lessons",
  products: [
    .executable(name: "lessons", targets: ["lessons"]),
    .library(name: "Runtime", targets: ["Runtime"]),
    .library(name: "Futures", targets: ["Futures"]),
    .library(name: "Digest", targets: ["Digest"]),
  ],
  targets: [
    // Libraries
    .target(name: "Runtime"),
    .target(name: "Futures", dependencies: ["Runtime"]),
    .target(name: "Digest"),
    .target(name: "Flags", dependencies: ["Runtime"]),
    .target(name: "Notebook", dependencies: ["Runtime"]),
    .target(
      name: "Lessons",
      dependencies: ["Runtime", "Futures", "Flags", "Notebook"],
      path: "Lessons",
      plugins: ["CellSourcePlugin"]
    ),

    // Build tools: the code a cell shows is extracted from the file that compiles it
    .executableTarget(name: "CellSourceTool"),
    .plugin(
      name: "CellSourcePlugin",
      capability: .buildTool(),
      dependencies: ["CellSourceTool"],
      path: "Sources/CellSourcePlugin"
    ),

    // Executable
    .executableTarget(name: "lessons", dependencies: ["Lessons", "Notebook", "Runtime", "Flags"]),

    // Benchmarks
    .executableTarget(
      name: "lessons-bench",
      dependencies: ["Runtime", "Futures", "Flags", "Digest"],
      path: "Benchmarks/Sources/lessons-bench"
    ),

    // Test fixtures: the process-pool tests' worker functions and the executable hosting them
    .target(
      name: "WorkerFixtures", dependencies: ["Futures", "Runtime", "Digest"],
      path: "Tests/WorkerFixtures"),
    .executableTarget(
      name: "lessons-test-worker", dependencies: ["WorkerFixtures", "Futures", "Runtime"],
      path: "Tests/ProcessPoolWorker"),

    // Tests
    .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
    .testTarget(name: "FuturesTests", dependencies: ["Futures", "Runtime"]),
    .testTarget(
      name: "ProcessPoolTests",
      dependencies: ["Futures", "Runtime", "Digest", "WorkerFixtures", "lessons-test-worker"]),
    .testTarget(name: "DigestTests", dependencies: ["Digest"]),
    .testTarget(name: "FlagsTests", dependencies: ["Flags", "Runtime"]),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Runtime"]),
    .testTarget(
      name: "LessonsTests", dependencies: ["Lessons", "Notebook", "Runtime", "Futures", "Flags"]),
    .testTarget(name: "CLITests", dependencies: ["lessons"]),
  ]
)
