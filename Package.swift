// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "lessons",
  products: [
    .executable(name: "lessons", targets: ["lessons"]),
    .library(name: "Runtime", targets: ["Runtime"]),
    .library(name: "Futures", targets: ["Futures"]),
  ],
  targets: [
    // Libraries
    .target(name: "Runtime", dependencies: ["CLinux"]),
    .target(name: "CommandLineKit", dependencies: ["Runtime"]),
    .target(name: "Futures", dependencies: ["Runtime"]),
    .target(name: "Flags", dependencies: ["Runtime", "CommandLineKit"]),
    .target(name: "Notebook", dependencies: ["Runtime"]),
    .target(name: "GoldenFiles"),
    // Thin adapters that report a golden-file comparison in one test framework each. The core
    // stays free of both, so that code outside tests can use it.
    .target(name: "GoldenFilesTesting", dependencies: ["GoldenFiles"]),
    .target(name: "GoldenFilesXCTest", dependencies: ["GoldenFiles"]),
    .target(
      name: "Lessons",
      dependencies: ["Runtime", "Futures", "Flags", "Notebook", "CommandLineKit"],
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
      name: "lessons", dependencies: ["Lessons", "Notebook", "Runtime", "Flags", "CommandLineKit"]),

    // Benchmarks
    .executableTarget(
      name: "lessons-bench",
      dependencies: ["Runtime", "Futures", "Flags", "Lessons", "CommandLineKit"],
      path: "Benchmarks/Sources/lessons-bench"
    ),

    // Tests, and the misbehaving HTTP servers that the flag client's tests talk to
    .target(name: "FaultServers", path: "Tests/FaultServers"),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
    .testTarget(name: "FuturesTests", dependencies: ["Futures", "Runtime"]),
    .testTarget(name: "CommandLineKitTests", dependencies: ["CommandLineKit", "Runtime"]),
    .testTarget(
      name: "FlagsTests",
      dependencies: ["Flags", "Runtime", "CommandLineKit", "FaultServers", "TestSupport"]),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Runtime", "TestSupport"]),
    .testTarget(
      name: "LessonsTests",
      dependencies: [
        "Lessons", "Notebook", "Runtime", "Futures", "Flags", "FaultServers", "GoldenFiles",
        "GoldenFilesTesting", "CommandLineKit", "TestSupport",
      ]),
    .testTarget(
      name: "GoldenFilesTests",
      dependencies: ["GoldenFiles", "GoldenFilesTesting", "GoldenFilesXCTest"]),
    .testTarget(name: "CLITests", dependencies: ["lessons"]),
  ]
)
