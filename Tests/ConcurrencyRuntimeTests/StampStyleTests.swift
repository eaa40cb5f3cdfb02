import ConcurrencyRuntime
import Foundation
import Testing

/// What `display` printed in a virtual run that sleeps `sleeps` before each line.
private func printed(_ stamps: StampStyle?, sleeps: [Duration]) throws -> String {
  let lines = Lines()
  let runtime =
    stamps.map { Runtime.virtual(stamps: $0, output: lines.append) }
    ?? Runtime.virtual(output: lines.append)
  try runtime.run {
    for (index, sleep) in sleeps.enumerated() {
      runtime.sleep(for: sleep)
      runtime.console.display("line \(index)")
    }
  }
  return lines.text
}

private final class Lines: @unchecked Sendable {  // the text is touched only under the lock
  private let lock = NSLock()
  private var parts: [String] = []
  var append: @Sendable (ConsoleOutput) -> Void {
    { piece in self.lock.withLock { self.parts.append(piece.text) } }
  }
  var text: String { lock.withLock { parts.joined() } }
}

@Suite("StampStyle")
struct StampStyleTests {
  private let sleeps: [Duration] = [.zero, .milliseconds(250), .milliseconds(7), .seconds(61)]

  @Test("the default stamps the second, as every transcript holds")
  func seconds() throws {
    let expected =
      "[09:00:00] line 0\n[09:00:00] line 1\n[09:00:00] line 2\n[09:01:01] line 3\n"
    #expect(try printed(nil, sleeps: sleeps) == expected)
    #expect(try printed(.seconds, sleeps: sleeps) == expected)
    #expect(Runtime.virtual().console.stamps == .seconds)
  }

  @Test("milliseconds stamps the time of day to the millisecond")
  func milliseconds() throws {
    #expect(
      try printed(.milliseconds, sleeps: sleeps)
        == "[09:00:00.000] line 0\n[09:00:00.250] line 1\n[09:00:00.257] line 2\n"
        + "[09:01:01.257] line 3\n")
  }

  @Test("elapsed stamps the time since the run started")
  func elapsed() throws {
    #expect(
      try printed(.elapsed, sleeps: sleeps)
        == "[+0.000s] line 0\n[+0.250s] line 1\n[+0.257s] line 2\n[+61.257s] line 3\n")
  }

  @Test("a stamp does not depend on the console: the style formats any instant")
  func formats() {
    let nine = Duration.seconds(9 * 3600)
    #expect(StampStyle.seconds.stamp(elapsed: .milliseconds(999), startOfDay: nine) == "09:00:00")
    #expect(
      StampStyle.milliseconds.stamp(elapsed: .milliseconds(1_050), startOfDay: nine)
        == "09:00:01.050")
    #expect(StampStyle.elapsed.stamp(elapsed: .microseconds(2_500), startOfDay: nine) == "+0.002s")
    #expect(TimeOfDay(.seconds(86_400) + .milliseconds(5)).withMilliseconds == "00:00:00.005")
    #expect(TimeOfDay(.milliseconds(1_250)).millisecond == 250)
    #expect(TimeOfDay(.seconds(3 * 3600 + 61)).description == "03:01:01")
  }
}
