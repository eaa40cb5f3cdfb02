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
    .target(name: "Runtime"),
    .target(name: "CommandLineKit", dependencies: ["Runtime"]),
    .target(name: "Futures", dependencies: ["Runtime"]),
    .target(name: "Flags", dependencies: ["Runtime", "Futures", "CommandLineKit"]),
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
    .executableTarget(
      name: "lessons", dependencies: ["Lessons", "Notebook", "Runtime", "Flags", "CommandLineKit"]),

    // Benchmarks
    .executableTarget(
      name: "lessons-bench",
      dependencies: ["Runtime", "Futures", "Flags", "CommandLineKit"],
      path: "Benchmarks/Sources/lessons-bench"
    ),

    // Tests
    .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
    .testTarget(name: "FuturesTests", dependencies: ["Futures", "Runtime"]),
    .testTarget(name: "CommandLineKitTests", dependencies: ["CommandLineKit", "Runtime"]),
    .testTarget(
      name: "FlagsTests", dependencies: ["Flags", "Runtime", "Futures", "CommandLineKit"]),
    .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Runtime"]),
    .testTarget(
      name: "LessonsTests", dependencies: ["Lessons", "Notebook", "Runtime", "Futures", "Flags"]),
    .testTarget(name: "CLITests", dependencies: ["lessons"]),
  ]
)
