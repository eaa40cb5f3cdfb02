// swift-tools-version:6.0
import PackageDescription

// An example of another package using lessons' TranscriptTesting as a real dependency (by
// path): a bounded buffer between producers and consumers, tested with golden transcripts and
// seeded invariants.
let package = Package(
  name: "BoundedBuffer",
  products: [
    .library(name: "BoundedBuffer", targets: ["BoundedBuffer"])
  ],
  dependencies: [
    .package(name: "lessons", path: "../..")
  ],
  targets: [
    // Libraries
    .target(
      name: "BoundedBuffer",
      dependencies: [.product(name: "ConcurrencyRuntime", package: "lessons")]),

    // Tests
    .testTarget(
      name: "BoundedBufferTests",
      dependencies: [
        "BoundedBuffer",
        .product(name: "ConcurrencyRuntime", package: "lessons"),
        .product(name: "TranscriptTesting", package: "lessons"),
      ],
      exclude: ["__Transcripts__"]),
  ]
)
