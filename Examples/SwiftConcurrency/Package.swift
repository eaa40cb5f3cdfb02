// swift-tools-version:6.0
import PackageDescription

// An example of another package testing plain Swift concurrency with lessons' TranscriptTesting
// (by path, as a real dependency). The library knows nothing of lessons: its programs use task
// groups, `async let`, actors, `Task {}`, `Task.detached`, `AsyncStream` and plain
// `Task.sleep(for:)`, and write through a `log` closure. Only the tests run them in the virtual
// runtime, where they become golden transcripts and seeded invariants.
let package = Package(
  name: "SwiftConcurrency",
  products: [
    .library(name: "SwiftConcurrency", targets: ["SwiftConcurrency"])
  ],
  dependencies: [
    .package(name: "lessons", path: "../..")
  ],
  targets: [
    // Libraries
    .target(name: "SwiftConcurrency"),

    // Tests
    .testTarget(
      name: "SwiftConcurrencyTests",
      dependencies: [
        "SwiftConcurrency",
        .product(name: "ConcurrencyRuntime", package: "lessons"),
        .product(name: "TranscriptTesting", package: "lessons"),
      ],
      exclude: ["__Transcripts__"]),
  ]
)
