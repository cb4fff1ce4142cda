/// A numbered server event (PROTOCOL.md "Server events"): on the wire one flat JSON object
/// with `type` and the payload's fields. The event log adds `seq`.
public enum ServerEvent: Sendable, Equatable {
    case status(StatusEvent)
    case mediaInfo(MediaInfoEvent)
    case poster(PosterEvent)
    case eventsDetected(EventsDetectedEvent)
    case commentaryReady(CommentaryReadyEvent)
    case chunkReady(ChunkReadyEvent)
    case commandResult(CommandResultEvent)
    case warning(WarningEvent)
    case error(ErrorEvent)
    case complete(CompleteEvent)
    case cancelled(CancelledEvent)

    public var type: String {
        switch self {
        case .status: "status"
        case .mediaInfo: "media_info"
        case .poster: "poster"
        case .eventsDetected: "events_detected"
        case .commentaryReady: "commentary_ready"
        case .chunkReady: "chunk_ready"
        case .commandResult: "command_result"
        case .warning: "warning"
        case .error: "error"
        case .complete: "complete"
        case .cancelled: "cancelled"
        }
    }

    /// `complete`, `cancelled` and a fatal `error` end a session: nothing is numbered after them.
    public var isTerminal: Bool {
        switch self {
        case .complete, .cancelled: true
        case .error(let error): error.fatal
        default: false
        }
    }
}

extension ServerEvent: Codable {
    private enum TypeKey: String, CodingKey { case type }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .status(let payload): try payload.encode(to: encoder)
        case .mediaInfo(let payload): try payload.encode(to: encoder)
        case .poster(let payload): try payload.encode(to: encoder)
        case .eventsDetected(let payload): try payload.encode(to: encoder)
        case .commentaryReady(let payload): try payload.encode(to: encoder)
        case .chunkReady(let payload): try payload.encode(to: encoder)
        case .commandResult(let payload): try payload.encode(to: encoder)
        case .warning(let payload): try payload.encode(to: encoder)
        case .error(let payload): try payload.encode(to: encoder)
        case .complete(let payload): try payload.encode(to: encoder)
        case .cancelled(let payload): try payload.encode(to: encoder)
        }
    }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch type {
        case "status": self = .status(try StatusEvent(from: decoder))
        case "media_info": self = .mediaInfo(try MediaInfoEvent(from: decoder))
        case "poster": self = .poster(try PosterEvent(from: decoder))
        case "events_detected": self = .eventsDetected(try EventsDetectedEvent(from: decoder))
        case "commentary_ready": self = .commentaryReady(try CommentaryReadyEvent(from: decoder))
        case "chunk_ready": self = .chunkReady(try ChunkReadyEvent(from: decoder))
        case "command_result": self = .commandResult(try CommandResultEvent(from: decoder))
        case "warning": self = .warning(try WarningEvent(from: decoder))
        case "error": self = .error(try ErrorEvent(from: decoder))
        case "complete": self = .complete(try CompleteEvent(from: decoder))
        case "cancelled": self = .cancelled(try CancelledEvent(from: decoder))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [TypeKey.type], debugDescription: "unknown event type '\(type)'"))
        }
    }
}
