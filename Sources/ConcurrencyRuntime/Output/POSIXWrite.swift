#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing bytes to a file descriptor the way every writer here needs it: all of them,
/// retrying after signals, the failure as an `errno` rather than a trap.
///
///     let failure = POSIXWrite.all(bytes, to: fd)   // 0, or ENOSPC, EPIPE, …
///     if failure != 0 { print(POSIXWrite.describe(failure)) }
///     // No space left on device
public enum POSIXWrite {
  /// Writes every byte of `bytes` to `fd`; returns 0, or the `errno` of the failure.
  public static func all(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
    guard let base = bytes.baseAddress else { return 0 }
    var offset = 0
    while offset < bytes.count {
      let written = write(fd, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return 0
  }

  /// The system's explanation of `code`, such as `Permission denied`.
  public static func describe(_ code: Int32) -> String {
    strerror(code).map { String(cString: $0) } ?? "errno \(code)"
  }
}
