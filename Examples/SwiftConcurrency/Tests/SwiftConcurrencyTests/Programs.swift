import ConcurrencyRuntime
import SwiftConcurrency

/// The bodies of the golden transcripts, each a whole program run as a test runs it: the
/// transcript tests, the seeded tests and the repeat test share them.
enum Programs {
  /// The 20 flags, at most 4 in flight.
  static let downloader: @Sendable () async throws -> Void = {
    _ = try await FlagDownloader(maxInFlight: 4, log: display).downloadAll(
      FlagServer.populousCodes)
  }

  /// A profile page whose recommendations time out after 3 of their 5 seconds.
  static let profile: @Sendable () async throws -> Void = {
    _ = try await ProfileLoader(log: display).load(user: "ada")
  }

  /// Six concurrent lookups of three users (one too slow), then each user again.
  static let directory: @Sendable () async throws -> Void = {
    await UserDirectory(log: display).lookUpAll(
      ["ada", "grace", "ada", "slowpoke", "ada", "slowpoke"])
  }

  /// The session token refreshed just as it expires, with the race planted.
  static let refresher: @Sendable () async throws -> Void = {
    await SessionRefresher(log: display).run()
  }

  /// The same, on a cache whose timers check what they clear.
  static let fixedRefresher: @Sendable () async throws -> Void = {
    await SessionRefresher(checksGeneration: true, log: display).run()
  }

  /// Five readings through the three-stage stream pipeline.
  static let pipeline: @Sendable () async throws -> Void = {
    await SensorPipeline(readings: 5, log: display).run()
  }

  /// The files whose checksums detached tasks compute.
  static let files = ["notes.txt", "a.md", "README", "Package.swift", "x"]

  /// Five detached checksums, gathered in the files' order.
  static let checksums: @Sendable () async throws -> Void = {
    _ = try await ChecksumJob(log: display).run(files)
  }

  /// Every program with a golden transcript, by the name of its transcript file, with the
  /// stamps it is kept with: milliseconds where its sleeps are shorter than a second.
  static let golden: [(name: String, stamps: StampStyle, body: @Sendable () async throws -> Void)] =
    [
      ("downloader", .milliseconds, downloader), ("profile", .seconds, profile),
      ("directory", .seconds, directory), ("refresher", .seconds, refresher),
      ("pipeline", .seconds, pipeline), ("checksums", .milliseconds, checksums),
    ]
}
