import Dispatch
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Real HTTP on `URLSession`, for live runs against a flag server.
///
/// Two settings matter for the chapter's measurements. URLSession opens at most 6
/// connections per host by default, which would quietly cap a 30-thread pool at 6
/// concurrent downloads, so the cap is raised to `maxConnections`. And every request has
/// an explicit time-out, so a server that never answers becomes an error, not a hang.
/// Nothing is cached and nothing is retried.
///
///     let network = HTTPFlagNetwork(maxConnections: 30, timeout: .seconds(5))
///     let response = try network.get("http://127.0.0.1:8001/flags/cn/cn.gif")
///     // 200, 11843 bytes
public final class HTTPFlagNetwork: FlagNetwork {
  /// The most connections opened to one host at once.
  public let maxConnections: Int
  /// How long a request may take, connection included.
  public let timeout: Duration

  private let session: URLSession

  /// A client with up to `maxConnections` connections per host and a `timeout` per request.
  public init(maxConnections: Int, timeout: Duration = .seconds(10)) {
    self.maxConnections = max(maxConnections, 1)
    self.timeout = timeout
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = self.maxConnections
    configuration.timeoutIntervalForRequest = Self.seconds(timeout)
    configuration.timeoutIntervalForResource = Self.seconds(timeout)
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    session = URLSession(configuration: configuration)
  }

  deinit { session.finishTasksAndInvalidate() }

  public func get(_ url: String) throws(FlagNetworkError) -> FlagResponse {
    let request = try makeRequest(url)
    let done = DispatchSemaphore(value: 0)
    let box = Outcome()
    let task = session.dataTask(with: request) { data, response, error in
      box.result = Self.response(data, response, error, timeout: self.timeout)
      done.signal()
    }
    task.resume()
    done.wait()
    return try box.result!.get()
  }

  public func get(_ url: String) async throws(FlagNetworkError) -> FlagResponse {
    let request = try makeRequest(url)
    do {
      let (data, response) = try await session.data(for: request)
      return try Self.response(data, response, nil, timeout: timeout).get()
    } catch let error as FlagNetworkError {
      throw error
    } catch {
      if Task.isCancelled { throw .cancelled }
      throw Self.networkError(error, timeout: timeout)
    }
  }

  private func makeRequest(_ url: String) throws(FlagNetworkError) -> URLRequest {
    guard let address = URL(string: url), address.host != nil else {
      throw .connectionFailed("not a valid URL: \(url)")
    }
    var request = URLRequest(url: address, timeoutInterval: Self.seconds(timeout))
    request.httpMethod = "GET"
    return request
  }

  /// A completion handler's arguments as an answer or an error.
  private static func response(
    _ data: Data?, _ response: URLResponse?, _ error: (any Error)?, timeout: Duration
  ) -> Result<FlagResponse, FlagNetworkError> {
    if let error { return .failure(networkError(error, timeout: timeout)) }
    guard let http = response as? HTTPURLResponse else {
      return .failure(.connectionFailed("the answer was not HTTP"))
    }
    return .success(FlagResponse(status: http.statusCode, body: data ?? Data()))
  }

  /// Time-outs as ``FlagNetworkError/timedOut(after:)``, everything else as a connection error.
  static func networkError(_ error: any Error, timeout: Duration) -> FlagNetworkError {
    guard let urlError = error as? URLError else {
      return .connectionFailed(String(describing: error))
    }
    switch urlError.code {
    case .timedOut: return .timedOut(after: timeout)
    case .cancelled: return .cancelled
    default: return .connectionFailed(urlError.localizedDescription)
    }
  }

  static func seconds(_ duration: Duration) -> TimeInterval {
    let (whole, attoseconds) = duration.components
    return TimeInterval(whole) + TimeInterval(attoseconds) / 1e18
  }
}

/// The result a completion handler hands to the thread waiting for it.
private final class Outcome: @unchecked Sendable {
  var result: Result<FlagResponse, FlagNetworkError>?
}
