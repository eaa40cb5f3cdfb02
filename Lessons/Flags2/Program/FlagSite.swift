import ConcurrencyRuntime
import Flags
import Foundation
import Notebook

/// Everything the chapter's download functions need besides the codes: where to download
/// from (a network and a base URL), where to save, and where the progress bar goes.
///
/// The book's programs keep these in module globals (`BASE_URL`, `DEST_DIR`) and imports
/// (`requests`, `tqdm`); here they travel as one value, so the same functions run on a mock
/// in virtual time and on real HTTP.
///
///     let site = FlagSite(
///       network: MockFlagNetwork(.profile(ServerProfile(.local))),
///       baseURL: "http://127.0.0.1:8001/flags", folder: FlagFolder("downloads"))
///     let image = try site.network.get("\(site.baseURL)/cn/cn.gif").body
///     try site.save(image, as: "cn.gif")
public struct FlagSite: Sendable {
  /// What requests go through.
  public var network: any FlagNetwork
  /// The site's base URL, without a trailing slash: flags are at `BASE/cc/cc.gif`.
  public var baseURL: String
  /// Where flags are saved.
  public var folder: FlagFolder
  /// Where progress bars are drawn.
  public var progress: ProgressOutput

  /// A site on `network` at `baseURL`, saving in `folder`, drawing progress on `progress`.
  public init(
    network: any FlagNetwork, baseURL: String, folder: FlagFolder,
    progress: ProgressOutput = .standardError
  ) {
    self.network = network
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.folder = folder
    self.progress = progress
  }

  /// Saves a flag's bytes as `filename` in the folder, atomically (the book's `save_flag`).
  public func save(_ image: Data, as filename: String) throws {
    try folder.save(image, as: filename)
  }

  /// A progress bar of `total` steps on this site's progress output (the book's `tqdm`).
  public func progressBar(total: Int) -> ProgressBar {
    ProgressBar(total: total, runtime: .current, output: progress)
  }
}
