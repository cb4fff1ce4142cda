import Logging
import SessionModel

extension SessionLogLine {
    /// Writes the line to a session's logger (which carries its id).
    func write(to logger: Logger) {
        logger.log(level: logLevel, "\(message)", metadata: metadata.mapValues { "\($0)" })
    }

    private var logLevel: Logger.Level {
        switch level {
        case .info: .info
        case .warning: .warning
        case .error: .error
        }
    }
}
