import Logging
import SessionModel

extension SessionLogLine {
    /// Writes the line with the session's id as metadata.
    func write(to logger: Logger, session: String) {
        var all: Logger.Metadata = ["session.id": "\(session)"]
        for (key, value) in metadata { all[key] = "\(value)" }
        logger.log(level: logLevel, "\(message)", metadata: all)
    }

    private var logLevel: Logger.Level {
        switch level {
        case .info: .info
        case .warning: .warning
        case .error: .error
        }
    }
}
