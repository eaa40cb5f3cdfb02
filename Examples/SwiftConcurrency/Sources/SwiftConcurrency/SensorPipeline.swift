/// A three-stage `AsyncStream` pipeline: a sensor yields a reading every second, a converter
/// turns each into Celsius (taking 1.5 seconds, so readings queue up in its stream), and a
/// consumer logs them and keeps the running mean. Each stage is a child task; finishing a
/// stream ends the stage after it.
///
///     let means = await SensorPipeline(readings: 3, log: { print($0) }).run()
///     // sensor: 68.0 °F
///     // sensor: 71.6 °F
///     // converter: 68.0 °F is 20.0 °C
///     // consumer: 20.0 °C, mean 20.0
///     // …
public struct SensorPipeline: Sendable {
  /// How many readings the sensor takes.
  public var readings: Int
  /// Where the lines go.
  public var log: Log

  /// A pipeline of `readings` readings.
  public init(readings: Int = 5, log: @escaping Log) {
    self.readings = readings
    self.log = log
  }

  /// Runs the three stages until the sensor's last reading has been consumed; returns the
  /// running mean after each one.
  @discardableResult
  public func run() async -> [Double] {
    let (log, count) = (self.log, readings)
    let (fahrenheit, sensor) = AsyncStream.makeStream(of: Double.self)
    let (celsius, converter) = AsyncStream.makeStream(of: Double.self)
    return await withTaskGroup(of: Void.self) { group in
      group.addTask {
        for index in 0..<count {
          try? await Task.sleep(for: .seconds(1))
          let reading = 68 + 1.8 * Double(index * 2)
          log("sensor: \(Self.format(reading)) °F")
          sensor.yield(reading)
        }
        sensor.finish()
        log("sensor: done")
      }
      group.addTask {
        for await reading in fahrenheit {
          try? await Task.sleep(for: .milliseconds(1_500))
          let value = (reading - 32) / 1.8
          log("converter: \(Self.format(reading)) °F is \(Self.format(value)) °C")
          converter.yield(value)
        }
        converter.finish()
        log("converter: done")
      }
      var means: [Double] = []
      var sum = 0.0
      for await value in celsius {
        sum += value
        means.append(sum / Double(means.count + 1))
        log("consumer: \(Self.format(value)) °C, mean \(Self.format(means.last!))")
      }
      log("consumer: \(means.count) readings")
      return means
    }
  }

  /// One decimal place, without Foundation's formatters: `20.0`, `-3.5`.
  static func format(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
  }
}
