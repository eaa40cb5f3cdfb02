import Foundation

/// Notes a section's environment makes while it starts, held back until the section's heading
/// is shown, then passed straight to the renderer.
///
/// The environment starts before the heading so that a section that cannot start prints only
/// its error; its notes still read after the heading.
///
///     let notes = HeldNotes(renderer)
///     notes.note("Started a server")   // held
///     renderer.begin(section)
///     notes.release()                  // the note is shown now, and later ones at once
final class HeldNotes: @unchecked Sendable {
  // `held` and `released` are guarded by `lock`, hence @unchecked Sendable.
  private let lock = NSLock()
  private let renderer: any Renderer
  private var held: [String] = []
  private var released = false

  init(_ renderer: any Renderer) { self.renderer = renderer }

  /// Shows `text` as a note, or holds it until ``release()``.
  var note: @Sendable (String) -> Void {
    { [self] text in
      let now = lock.withLock {
        if !released { held.append(text) }
        return released
      }
      if now { renderer.note(text) }
    }
  }

  /// Shows the notes held, in order, and every later one at once.
  func release() {
    let notes = lock.withLock {
      released = true
      defer { held = [] }
      return held
    }
    for text in notes { renderer.note(text) }
  }
}
