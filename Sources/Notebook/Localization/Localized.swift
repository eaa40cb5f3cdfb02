/// A text in English and Korean, kept side by side where it is written.
///
/// A section's file keeps each English paragraph with its Korean one next to it, so that a
/// change to one is seen beside the other. The Korean text may be missing (a section written
/// in English first): that builds and runs, showing English, and the tests that check every
/// prose block and title for both languages (``isComplete``) fail until it is written.
///
///     let title = Localized(en: "Experimenting with Executor.map", ko: "Executor.map 실험하기")
///     title.text(in: .korean)    // "Executor.map 실험하기"
///     let draft: Localized = "English only"
///     draft.text(in: .korean)    // "English only"
///     draft.isComplete           // false
public struct Localized: Sendable, Equatable, Hashable {
  /// The English text, which is always there.
  public let english: String
  /// The Korean text, nil until it is written.
  public let korean: String?

  /// A text in both languages.
  public init(en english: String, ko korean: String) {
    self.english = english
    self.korean = korean
  }

  /// A text in English only, waiting for its Korean.
  public init(en english: String) {
    self.english = english
    self.korean = nil
  }

  /// The text in `language`; English where the Korean is missing.
  ///
  ///     Localized(en: "Sections", ko: "절 목록").text(in: .korean)   // "절 목록"
  public func text(in language: Language) -> String {
    switch language {
    case .english: english
    case .korean: korean ?? english
    }
  }

  /// The text written for `language`, nil when it is missing.
  ///
  ///     Localized(en: "Sections").written(in: .korean)   // nil
  public func written(in language: Language) -> String? {
    switch language {
    case .english: english
    case .korean: korean
    }
  }

  /// Whether every language has a text that is not blank.
  public var isComplete: Bool {
    Language.allCases.allSatisfy { language in
      written(in: language).map { !$0.allSatisfy(\.isWhitespace) } ?? false
    }
  }
}

extension Localized: ExpressibleByStringInterpolation {
  /// An English-only text from a literal: `.prose("…")` still builds while its Korean is
  /// being written.
  public init(stringLiteral value: String) {
    self.init(en: value)
  }

  /// An English-only text from an interpolated literal.
  public init(stringInterpolation: DefaultStringInterpolation) {
    self.init(en: String(stringInterpolation: stringInterpolation))
  }
}

extension Localized: CustomStringConvertible {
  /// The English text.
  public var description: String { english }
}
