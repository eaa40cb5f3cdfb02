/// Output text made safe to put in a document: tabs and newlines stay, and every other
/// control character (a carriage return, an escape) becomes its visible Unicode picture
/// (`␍`, `␛`), which no reader or format can take for markup.
///
///     VisibleText.of("50%\r100%\u{1B}[0m\n")   // "50%␍100%␛[0m\n"
enum VisibleText {
  /// `text` with its control characters other than tab and newline shown as pictures.
  static func of(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isHidden(scalar) {
        let picture = scalar.value == 0x7F ? 0x2421 : 0x2400 + scalar.value
        scalars.append(Unicode.Scalar(picture) ?? "?")
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0x7F
  }
}
