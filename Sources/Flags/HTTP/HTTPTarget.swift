#if canImport(Glibc)
  import Glibc
#endif

/// An `http://` URL taken apart for a request: the address to connect to, the `Host` header
/// and the request target.
///
/// Only numeric IPv4 addresses and `localhost` are looked up: the flag site is on the loopback
/// interface, and resolving a name would block the event loop's thread (asyncio hands that to a
/// thread pool) and could send traffic off this machine. Any other name fails as an unknown
/// host does.
///
///     let target = try HTTPTarget("http://localhost:8001/flags/cn/cn.gif")
///     print(target.host, target.port, target.path)
///     // 127.0.0.1 8001 /flags/cn/cn.gif
struct HTTPTarget: Sendable, Equatable {
  /// The IPv4 address in dotted form.
  var host: String
  /// The TCP port (80 if the URL gives none).
  var port: UInt16
  /// The `Host` header's value, as the URL spells it.
  var authority: String
  /// The request target: path and query.
  var path: String
  /// The address in network byte order.
  var address: UInt32

  /// The pool a connection to this target belongs to.
  var poolKey: String { "\(host):\(port)" }

  init(_ url: String) throws(FlagNetworkError) {
    guard let scheme = url.range(of: "://"), url[..<scheme.lowerBound].lowercased() == "http" else {
      throw .connectionFailed("not an http:// URL: \(url)")
    }
    let rest = url[scheme.upperBound...]
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    var path = String(rest.dropFirst(authority.count).prefix { $0 != "#" })
    if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
    var name = Substring(authority)
    var port: UInt16 = 80
    if let colon = authority.lastIndex(of: ":") {
      name = authority[..<colon]
      guard let number = UInt16(authority[authority.index(after: colon)...]), number > 0 else {
        throw .connectionFailed("a bad port in \(url)")
      }
      port = number
    }
    guard !name.isEmpty, !path.contains(" ") else {
      throw .connectionFailed("not a valid URL: \(url)")
    }
    let numeric = name.lowercased() == "localhost" ? "127.0.0.1" : String(name)
    var address = in_addr()
    guard inet_pton(AF_INET, numeric, &address) == 1 else {
      // The mock's words for the book's vanished site: live and virtual runs print the same.
      throw .connectionFailed("Could not resolve host: \(name)")
    }
    self.host = numeric
    self.port = port
    self.authority = String(authority)
    self.path = path
    self.address = address.s_addr
  }

  /// The request's bytes: a keep-alive HTTP/1.1 request with no body.
  func request(_ method: HTTPMethod) -> [UInt8] {
    Array(
      "\(method.rawValue) \(path) HTTP/1.1\r\nHost: \(authority)\r\nUser-Agent: lessons-flags\r\nAccept: */*\r\n\r\n"
        .utf8)
  }
}
