/// The server log's line for a session event, when it is one an operator reads: the session's
/// state changes (its media known, the first chunk out, finished, cancelled) and every error,
/// failed chunk and warning. Event messages are the ones clients get (no tokens, keys or
/// paths); the session id goes in as metadata by the caller.
public struct SessionLogLine: Sendable, Equatable {
    public enum Level: Sendable, Equatable {
        case info, warning, error
    }

    public var level: Level
    public var message: String
    public var metadata: [String: String] = [:]

    public init(level: Level, message: String, metadata: [String: String] = [:]) {
        self.level = level
        self.message = message
        self.metadata = metadata
    }

    public static func of(_ event: ServerEvent, chunksSoFar: Int) -> SessionLogLine? {
        switch event {
        case .mediaInfo(let info):
            return SessionLogLine(level: .info, message: "session processing",
                                  metadata: ["media.duration": info.duration.map { "\($0)" } ?? "unknown",
                                             "media.size": "\(info.width)x\(info.height)"])
        case .chunkReady(let chunk) where chunksSoFar == 0:
            return SessionLogLine(level: .info, message: "session first chunk", metadata: ["chunk.interval": "\(chunk.interval)"])
        case .warning(let warning):
            var metadata = ["warning.code": warning.code, "warning.message": warning.message]
            if let interval = warning.interval { metadata["warning.interval"] = "\(interval)" }
            return SessionLogLine(level: .warning, message: "session warning", metadata: metadata)
        case .error(let error):
            var metadata = ["error.code": error.code, "error.message": error.message, "error.fatal": "\(error.fatal)"]
            if let interval = error.interval { metadata["error.interval"] = "\(interval)" }
            return SessionLogLine(level: .error, message: error.fatal ? "session failed" : "session error", metadata: metadata)
        case .complete(let complete):
            var metadata = ["session.chunks": "\(complete.chunks)", "session.total_ms": "\(complete.stats.totalMs)"]
            if let first = complete.stats.firstChunkMs { metadata["session.first_chunk_ms"] = "\(first)" }
            return SessionLogLine(level: .info, message: "session complete", metadata: metadata)
        case .cancelled(let cancelled):
            return SessionLogLine(level: .info, message: "session cancelled", metadata: ["session.chunks": "\(cancelled.chunks)"])
        case .status, .poster, .eventsDetected, .commentaryReady, .chunkReady, .commandResult:
            return nil
        }
    }
}
