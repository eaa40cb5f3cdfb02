import Flags

/// The `--server` labels of the book's `flags2` programs and the sites they name.
///
/// LOCAL, DELAY and ERROR are this project's loopback flag servers on the book's ports;
/// REMOTE is the book's public site, which no longer exists (and there is no internet here),
/// so requests to it fail with a connection error.
///
///     SiteLabel(parsing: "delay")?.url   // "http://127.0.0.1:8002/flags"
public enum SiteLabel: String, CaseIterable, Equatable, Sendable {
  /// The book's public site, `http://flupy.org/data/flags`.
  case remote = "REMOTE"
  /// A flag server that answers at once, port 8001.
  case local = "LOCAL"
  /// A flag server that delays every answer, port 8002.
  case delay = "DELAY"
  /// A flag server that fails a quarter of the requests, port 8003.
  case error = "ERROR"

  /// Parses a label case-insensitively; nil for anything else.
  public init?(parsing text: String) {
    self.init(rawValue: text.uppercased())
  }

  /// The book's REMOTE site.
  public static let remoteURL = "http://flupy.org/data/flags"

  /// The labels as the usage error lists them: sorted, comma-separated.
  public static let choices = allCases.map(\.rawValue).sorted().joined(separator: ", ")

  /// The behaviour of the loopback server behind the label; nil for REMOTE.
  public var profileLabel: ServerProfile.Label? {
    switch self {
    case .remote: nil
    case .local: .local
    case .delay: .delay
    case .error: .error
    }
  }

  /// The site's base URL: the REMOTE site, or 127.0.0.1 on the profile's default port.
  public var url: String {
    guard let profileLabel else { return Self.remoteURL }
    return "http://127.0.0.1:\(profileLabel.defaultPort)/flags"
  }
}
