public import Logging
import Synchronization

/// A log that keeps its lines, for a test to read what a component logged (no bootstrap:
/// the logger is made with this handler).
public final class CapturedLog: Sendable {
    public struct Line: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
    }

    private let kept = Mutex<[Line]>([])

    public init() {}

    public var lines: [Line] { kept.withLock { $0 } }

    /// A logger writing here, with `metadata` on every line.
    public func logger(_ label: String = "test", metadata: Logger.Metadata = [:]) -> Logger {
        var logger = Logger(label: label) { _ in Handler(log: self) }
        for (key, value) in metadata { logger[metadataKey: key] = value }
        return logger
    }

    fileprivate func add(_ line: Line) { kept.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            log.add(Line(level: event.level, message: "\(event.message)", metadata: all.mapValues { "\($0)" }))
        }
    }
}
