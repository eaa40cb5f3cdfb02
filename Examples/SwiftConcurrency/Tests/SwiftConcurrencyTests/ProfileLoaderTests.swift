import SwiftConcurrency
import Testing
import TranscriptTesting

/// What every interleaving of the profile page must keep.
enum ProfileInvariants {
  static let pagePrefix = "ada: recommendations page "

  /// The recommendations time out, are cancelled, and never log completion.
  static let cancelledNeverCompletes = RunInvariant("cancelled work never logs completion") {
    run in
    let texts = LoggedLine.all(in: run).map(\.text)
    if texts.contains("ada: recommendations done (5 pages)") { return "they completed" }
    guard
      let cancelled = texts.firstIndex(where: { $0.hasPrefix("ada: recommendations cancelled") }),
      let timedOut = texts.firstIndex(where: { $0.hasPrefix("ada: recommendations timed out") })
    else { return "no cancellation and time-out lines" }
    if cancelled > timedOut { return "the time-out was reported before the cancellation" }
    let pages = texts.filter { $0.hasPrefix(pagePrefix) }.count
    if !texts[cancelled].hasPrefix("ada: recommendations cancelled after \(pages) of 5") {
      return "\(pages) pages logged, but: \(texts[cancelled])"
    }
    return nil
  }

  /// No page is logged after the time-out's instant (3 s), and the page is shown then.
  static let onTime = RunInvariant("nothing after the 3 s time-out; the page shown at 3 s") {
    run in
    let lines = LoggedLine.all(in: run)
    if let late = lines.first(where: { $0.text.hasPrefix(pagePrefix) && $0.time > .seconds(3) }) {
      return "\(late.text) at \(late.time)"
    }
    guard let shown = lines.last, shown.text == "ada: page shown with 3 friends" else {
      return "the last line is \(lines.last?.text ?? "missing")"
    }
    return shown.time == .seconds(3) ? nil : "the page was shown at \(shown.time)"
  }

  /// The profile after 1 s and the friends after 2 s: `async let` ran them at once.
  static let concurrent = RunInvariant("profile at 1 s and friends at 2 s, concurrently") { run in
    let lines = LoggedLine.all(in: run)
    let profile = lines.first { $0.text == "ada: profile loaded" }?.time
    let friends = lines.first { $0.text == "ada: 3 friends loaded" }?.time
    if profile == .seconds(1) && friends == .seconds(2) { return nil }
    return "profile at \(String(describing: profile)), friends at \(String(describing: friends))"
  }
}

extension SwiftConcurrencyTests {
  @Suite("async let with a time-out that cancels the slow part")
  struct ProfileLoaderTests {
    @Test("a profile page whose recommendations time out: the golden transcript")
    func profileTranscript() {
      assertTranscript(named: "profile", Programs.profile)
    }

    @Test("under 300 seeds: cancelled work never completes, nothing after the time-out")
    func seeded() {
      let violations = assertInvariants(
        [
          ProfileInvariants.cancelledNeverCompletes, ProfileInvariants.onTime,
          ProfileInvariants.concurrent,
        ],
        seeds: 0..<300, Programs.profile)
      #expect(violations.isEmpty)
    }

    @Test("with time enough, the recommendations complete and the invariant sees it")
    func completionSeen() {
      let run = RecordedRun.record {
        _ = try await ProfileLoader(timeout: .seconds(10), log: display).load(user: "ada")
      }
      #expect(ProfileInvariants.cancelledNeverCompletes.violation(in: run) == "they completed")
    }
  }
}
