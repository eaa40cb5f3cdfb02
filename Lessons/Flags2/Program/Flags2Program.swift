import ConcurrencyRuntime
import Foundation
import Notebook

/// The book's `flags2_common.main`: report what will be downloaded, run one of the
/// chapter's download functions, check that every code was counted once, report the counts.
///
/// Runs in the runtime the options choose — live, or virtual with `--virtual`/`--seed` —
/// and returns the process's exit status: 0; 1 with one `error:` line on standard
/// error when the destination cannot be written, a server cannot be started, or the run
/// fails; or ``Interrupt/exitStatus`` (130) when Ctrl-C stopped it — the downloads under way
/// finish, the rest are refused and reported as interrupted, every code counted once.
///
///     let program = Flags2Program(
///       options: try Flags2Options.parse(["-s", "ERROR", "-e", "--virtual"], style: .async),
///       download: .async(Flags2Async.supervisor))
///     let status = program.run()
///     // ERROR site: http://127.0.0.1:8003/flags
///     // Searching for 676 flags: from AA to ZZ
///     // 5 concurrent connections will be used.
///     // …
public struct Flags2Program: Sendable {
  /// What to download, from where, and how.
  public var options: Flags2Options
  /// The download function of the chosen style.
  public var download: Flags2Download
  /// Where the report and verbose lines go (the runtime's console).
  public var standardOutput: @Sendable (String) -> Void
  /// Where error lines go.
  public var standardError: @Sendable (String) -> Void
  /// Where the progress bar goes.
  public var progress: ProgressOutput

  /// A program writing to the process's standard output and error unless told otherwise.
  public init(
    options: Flags2Options, download: Flags2Download,
    standardOutput: @escaping @Sendable (String) -> Void = Self.writeStandardOutput,
    standardError: @escaping @Sendable (String) -> Void = Self.writeStandardError,
    progress: ProgressOutput = .standardError
  ) {
    self.options = options
    self.download = download
    self.standardOutput = standardOutput
    self.standardError = standardError
    self.progress = progress
  }

  /// Runs the download and returns the exit status.
  public func run() -> Int32 {
    let folder = FlagFolder(options.destination)
    do {
      try folder.prepare()
    } catch {
      standardError("error: \(error)\n")
      return 1
    }
    let output = standardOutput
    let runtime = options.runtime.makeRuntime { output($0.text) }
    let connection: SiteConnection
    do {
      connection = try SiteConnection.open(for: options, runtime: runtime, note: standardError)
    } catch {
      standardError("error: \(error)\n")
      return 1
    }
    defer { connection.close() }
    // Ctrl-C refuses the downloads not yet started; the footer counts them apart.
    let network = InterruptibleNetwork(connection.network)
    let site = FlagSite(
      network: network, baseURL: connection.url, folder: folder, progress: progress)
    do {
      try runtime.run { [options, download] in
        try Self.main(options, download, site, runtime, interrupted: { network.refused })
      }
    } catch {
      standardError("error: \(error)\n")
      return 1
    }
    return Interrupt.isRequested ? Interrupt.exitStatus : 0
  }

  /// Runs the download on `site` in the calling thread's runtime, as a notebook cell runs
  /// it: the header, the download, the count check and the footer, on the runtime's console.
  ///
  /// The site replaces what ``run()`` would choose from the options (its server, `--url`,
  /// `--dest`), and the runtime the one `--virtual` or `--seed` would make; the options give
  /// the codes, the concurrency and `-v`. Throws what the download throws, and
  /// ``Flags2Error/unaccounted(counted:requested:)`` if the counts do not add up.
  ///
  ///     try Flags2Program(options: options, download: download).run(on: site)
  ///     // DELAY site: http://127.0.0.1:40211/flags
  ///     // Searching for 20 flags: from BD to VN
  ///     // …
  public func run(on site: FlagSite) throws {
    try Self.main(options, download, site, .current)
  }

  /// The header, the download, the count check and the footer, inside the runtime.
  ///
  /// `interrupted` tells how many downloads Ctrl-C refused: the download functions counted
  /// them as errors, and the footer shows them apart.
  static func main(
    _ options: Flags2Options, _ download: Flags2Download, _ site: FlagSite, _ runtime: Runtime,
    interrupted: () -> Int = { 0 }
  ) throws {
    let codes = options.codes
    let concurrency = options.concurrency
    runtime.console.write(
      Flags2Report.header(
        label: options.url == nil ? options.server : nil, url: site.baseURL, codes: codes,
        concurrency: concurrency))
    let start = runtime.now
    var counter: [DownloadStatus: Int]
    switch download {
    case .blocking(let downloadMany):
      counter = try downloadMany(site, codes, options.verbose, concurrency)
    case .async(let downloadMany):
      counter = try runtime.runAsync {
        try await downloadMany(site, codes, options.verbose, concurrency)
      }
    }
    let elapsed = runtime.now - start
    let refused = interrupted()
    if refused > 0 {
      counter[.error, default: 0] -= refused
      if counter[.error] == 0 { counter[.error] = nil }
    }
    let counted = counter.values.reduce(0, +) + refused
    guard counted == codes.count, counter.values.allSatisfy({ $0 >= 0 }) else {
      throw Flags2Error.unaccounted(counted: counted, requested: codes.count)
    }
    runtime.console.write(Flags2Report.footer(counter, elapsed: elapsed, interrupted: refused))
  }

  /// Writes to standard output at once (no buffering, so lines keep their order).
  public static let writeStandardOutput: @Sendable (String) -> Void = { text in
    StandardStream.output.write(text)
  }

  /// Writes to standard error at once.
  public static let writeStandardError: @Sendable (String) -> Void = { text in
    StandardStream.error.write(text)
  }
}

/// A run of `flags2` that went wrong after it started.
public enum Flags2Error: Error, Equatable, CustomStringConvertible, Sendable {
  /// The book's assertion failed: the counts do not add up to the codes requested.
  case unaccounted(counted: Int, requested: Int)

  /// The book's assertion message, with the numbers.
  public var description: String {
    switch self {
    case .unaccounted(let counted, let requested):
      "some downloads are unaccounted for (\(counted) counted, \(requested) requested)"
    }
  }
}
