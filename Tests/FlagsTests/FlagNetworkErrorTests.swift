import Testing

@testable import Flags

@Suite("FlagNetworkError")
struct FlagNetworkErrorTests {
  @Test("descriptions name the kind of failure and its detail")
  func descriptions() {
    #expect(
      FlagNetworkError.connectionFailed("Could not resolve host: flupy.org").description
        == "Connection error (Could not resolve host: flupy.org)")
    #expect(
      FlagNetworkError.timedOut(after: .milliseconds(3100)).description
        == "Timed out after 3.1 s")
    #expect(
      FlagNetworkError.timedOut(after: .seconds(10)).description
        == "Timed out after 10 s")
    #expect(
      FlagNetworkError.timedOut(after: .milliseconds(250)).description
        == "Timed out after 0.25 s")
    #expect(
      FlagNetworkError.timedOut(after: .milliseconds(1005)).description
        == "Timed out after 1.005 s")
    #expect(FlagNetworkError.cancelled.description == "Cancelled")
  }
}
