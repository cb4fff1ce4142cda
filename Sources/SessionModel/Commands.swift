/// A `command` message as the client sent it.
public struct CommandRequest: Sendable, Equatable {
    public var id: String
    public var name: String
    public var args: [String: JSONValue]

    public init(id: String, name: String, args: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.args = args
    }

    static func parse(_ object: [String: JSONValue]) -> Result<CommandRequest, ProtocolViolation> {
        guard let id = object["id"]?.string, !id.isEmpty else { return .failure(ProtocolViolation(.malformed, "command needs id")) }
        guard let name = object["name"]?.string else { return .failure(ProtocolViolation(.malformed, "command needs name")) }
        var args: [String: JSONValue] = [:]
        switch object["args"] {
        case nil, .null?: break
        case .object(let given)?: args = given
        default: return .failure(ProtocolViolation(.malformed, "command args must be an object"))
        }
        return .success(CommandRequest(id: id, name: name, args: args))
    }
}

/// What a command asks of the session, its arguments checked.
public enum SessionCommand: Sendable, Equatable {
    case cancel
    /// By interval index, or by time (interval = floor(at / interval_s)).
    case reprioritise(interval: Int?, at: Double?)
    case changeVoice(String)

    public static func interpret(_ request: CommandRequest) -> Result<SessionCommand, CommandError> {
        switch request.name {
        case "cancel":
            return .success(.cancel)
        case "reprioritise_interval":
            if let interval = request.args["interval"]?.number {
                guard interval >= 0, interval == interval.rounded(), interval < 1e9 else { return .failure(.invalidArgs("interval must be a whole number ≥ 0")) }
                return .success(.reprioritise(interval: Int(interval), at: nil))
            }
            if let at = request.args["at"]?.number {
                guard at >= 0, at.isFinite, at < 1e9 else { return .failure(.invalidArgs("at must be seconds ≥ 0")) }
                return .success(.reprioritise(interval: nil, at: at))
            }
            return .failure(.invalidArgs("reprioritise_interval needs interval or at"))
        case "change_voice":
            guard let voice = request.args["voice"]?.string, !voice.isEmpty else { return .failure(.invalidArgs("change_voice needs voice")) }
            return .success(.changeVoice(voice))
        default:
            return .failure(CommandError(code: "unknown_command", message: "unknown command '\(request.name)'"))
        }
    }
}

public struct CommandError: Error, Sendable, Equatable, Codable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public static func invalidArgs(_ message: String) -> CommandError { CommandError(code: "invalid_args", message: message) }
}

/// `command_result`: `result` when ok, `error` otherwise.
public struct CommandResultEvent: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var ok: Bool
    public var result: JSONValue?
    public var error: CommandError?

    public init(id: String, name: String, result: Result<JSONValue, CommandError>) {
        self.id = id
        self.name = name
        switch result {
        case .success(let value):
            ok = true
            self.result = value
        case .failure(let failure):
            ok = false
            error = failure
        }
    }
}

/// Commands are idempotent by id: a repeated id has no further effect and gets the original
/// result again; one repeated while the pipeline is still answering it gets that one answer.
public struct CommandTable: Sendable, Equatable {
    private var results: [String: CommandResultEvent] = [:]
    /// Asked of the pipeline and not answered yet.
    private var asked: Set<String> = []

    public init() {}

    public func result(for id: String) -> CommandResultEvent? { results[id] }

    public func isAsked(_ id: String) -> Bool { asked.contains(id) }

    public mutating func ask(_ id: String) { asked.insert(id) }

    public mutating func record(_ result: CommandResultEvent) {
        asked.remove(result.id)
        if results[result.id] == nil { results[result.id] = result }
    }

    public var count: Int { results.count }
}
