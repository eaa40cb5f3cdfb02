import ConcurrencyRuntime
import Flags

/// Where a worker process finds a section's flag site: the base URL, the folder flags are
/// saved in, how long a request may take, and whether the site is the virtual mock.
///
/// A process shares no variables with its parent, so a job sent to a worker cannot use the
/// parent's `site`: it carries this address, and the worker opens a site of its own from it
/// (``open()``): real HTTP to the section's server live, saving atomically into the
/// section's folder as the parent would; in virtual time the same mock the parent has, on
/// the worker's virtual clock, saving nothing.
///
///     let address = FlagLesson.current?.workerAddress   // in a cell of a flag section
///     let site = address.open()                          // in the worker
struct FlagSiteAddress: Codable, Equatable, Sendable {
  /// The site's base URL, without a trailing slash.
  var baseURL: String
  /// The folder flags are saved in; nil to save nothing (virtual time).
  var folder: String?
  /// How long one request may take, in real seconds.
  var timeout: Double
  /// The seed of the mock server's delays (virtual time); nil for real HTTP.
  var mockSeed: UInt64?

  /// The site this address names, opened in the calling process.
  func open() -> FlagSite {
    let runtime = Runtime.current
    let limit = Duration.milliseconds(Int64((timeout * 1000).rounded()))
    let network: any FlagNetwork =
      mockSeed.map { seed in
        MockFlagNetwork(
          .profile(FlagLesson.profile(.delay, seed: seed)), runtime: runtime, timeout: limit)
      } ?? HTTPFlagNetwork(maxConnections: 1, timeout: limit)
    return FlagSite(
      network: TracedFlagNetwork(network, runtime: runtime), baseURL: baseURL,
      folder: folder.map(FlagFolder.init) ?? .nowhere, progress: .silent)
  }
}

extension FlagLesson {
  /// The address of ``site`` for a worker process: its DELAY server and this run's folder
  /// live, the mock of it in virtual time.
  var workerAddress: FlagSiteAddress {
    let timeout = Self.real(.seconds(10), speed: isVirtual ? 1 : speed)
    return FlagSiteAddress(
      baseURL: site.baseURL, folder: isVirtual ? nil : folder.path,
      timeout: timeout.seconds,
      mockSeed: isVirtual ? seed : nil)
  }
}

/// The address of ``site`` for a worker process: this section's DELAY server (or its mock),
/// and where flags go. Outside a flag section, the mock of a DELAY site that saves nothing.
var siteAddress: FlagSiteAddress {
  FlagLesson.current?.workerAddress
    ?? FlagSiteAddress(baseURL: SiteLabel.delay.url, folder: nil, timeout: 10, mockSeed: 0)
}
