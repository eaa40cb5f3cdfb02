/// A bound as help and messages write it: `0`, `0.01`, `1000` (no `.0`).
///
///     "\(DecimalText(1000))"   // "1000"
///     "\(DecimalText(0.01))"   // "0.01"
struct DecimalText: CustomStringConvertible {
  var value: Double

  init(_ value: Double) { self.value = value }

  var description: String {
    if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}
