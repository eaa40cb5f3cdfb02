/// The usage errors of the handout options (`--format`, `--output`, `--live`) in Korean.
extension UsageErrorTranslation {
  /// Every pattern, the run command's and then the handout options'.
  static var entries: [Entry] { runEntries + handoutEntries }

  /// Every message the handout options can give for a mistake; a handout is 유인물.
  static let handoutEntries: [Entry] = [
    Entry(
      pattern: "--output FILE must not be empty",
      korean: { _ in "--output에 준 파일 이름이 비어 있습니다" },
      example: "--output FILE must not be empty"),
    Entry(
      pattern: "--live records a real run: it cannot go with --virtual or --seed",
      korean: { _ in "--live는 실제 실행을 기록하므로 --virtual, --seed와 함께 쓸 수 없습니다" },
      example: "--live records a real run: it cannot go with --virtual or --seed"),
    Entry(
      pattern: "--output FILE is for a handout: add --format {}",
      korean: {
        "--output에는 --format \(list(part($0, 0))) 중 하나가 필요합니다"
      },
      example: "--output FILE is for a handout: add --format markdown, ipynb or html"),
    Entry(
      pattern: "--live is for a handout (--format ...): text runs are live already",
      korean: { _ in "--live는 유인물(--format ...)용입니다. 텍스트는 원래 실제 실행입니다" },
      example: "--live is for a handout (--format ...): text runs are live already"),
    Entry(
      pattern: "--format {} writes a file: add --output FILE",
      korean: { "--format \(part($0, 0)) 유인물은 파일로 씁니다. --output FILE을 더하세요" },
      example: "--format html writes a file: add --output FILE"),
    Entry(
      pattern: "--speed is for live runs: handouts run in virtual time unless --live",
      korean: { _ in "--speed는 실제 실행용입니다(유인물은 --live가 없으면 가상 시간입니다)" },
      example: "--speed is for live runs: handouts run in virtual time unless --live"),
  ]
}
