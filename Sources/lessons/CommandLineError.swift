/// A usage error: printed as one line on standard error, exit status 2.
struct CommandLineError: Error, Equatable {
  let message: String
  init(_ message: String) { self.message = message }
}
