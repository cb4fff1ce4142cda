import Foundation

/// A text frame from the client (PROTOCOL.md), validated.
public enum ClientMessage: Sendable, Equatable {
    case hello(Hello)
    case command(CommandRequest)
    case ping
    case uploadEnd

    public static let maxTextBytes = 65_536

    /// Parses one text frame. Unknown fields are ignored; anything else that is wrong is a
    /// violation naming the problem (1009 for a frame over 64 KiB, 4400 otherwise).
    public static func parse(_ bytes: [UInt8], rules: HelloRules) -> Result<ClientMessage, ProtocolViolation> {
        guard bytes.count <= maxTextBytes else { return .failure(ProtocolViolation(.tooLarge, "text frame over 65536 bytes")) }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else {
            return .failure(ProtocolViolation(.malformed, "not a JSON object"))
        }
        guard let type = object["type"]?.string else { return .failure(ProtocolViolation(.malformed, "missing type")) }
        switch type {
        case "hello": return Hello.parse(object, rules: rules).map(ClientMessage.hello)
        case "command": return CommandRequest.parse(object).map(ClientMessage.command)
        case "ping": return .success(.ping)
        case "upload_end": return .success(.uploadEnd)
        default: return .failure(ProtocolViolation(.malformed, "unknown type '\(type)'"))
        }
    }
}

/// What makes a `hello` valid on this server.
public struct HelloRules: Sendable {
    public var voices: Set<String>
    public var languages: Set<String>
    /// The sport ids the writer has packs for (nil: any id).
    public var sports: Set<String>?
    /// The voice a session gets when its options name none, by language (else `SessionOptions`'s).
    public var defaultVoices: [String: String]

    public init(voices: Set<String>, languages: Set<String>, sports: Set<String>? = nil, defaultVoices: [String: String] = [:]) {
        self.voices = voices
        self.languages = languages
        self.sports = sports
        self.defaultVoices = defaultVoices
    }
}

public struct Hello: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case start(upload: UploadDeclaration, options: SessionOptions)
        case resume(session: String, resumeToken: String, lastSeq: Int)
    }

    public var mode: Mode
    public var token: String?

    public init(mode: Mode, token: String?) {
        self.mode = mode
        self.token = token
    }

    static func parse(_ object: [String: JSONValue], rules: HelloRules) -> Result<Hello, ProtocolViolation> {
        func violation(_ reason: String) -> Result<Hello, ProtocolViolation> { .failure(ProtocolViolation(.malformed, reason)) }
        let token = object["token"]?.string
        switch object["mode"]?.string {
        case "start":
            guard case .object(let upload)? = object["upload"] else { return violation("start needs upload") }
            let size: Int64?
            switch upload["size"] {
            case .null?: size = nil
            case .number(let number)?:
                guard number >= 0, number == number.rounded(), number < 9e18 else { return violation("upload.size must be a whole number of bytes") }
                size = Int64(number)
            case nil: return violation("upload.size is required (a number or null)")
            default: return violation("upload.size must be a number or null")
            }
            if let sha = upload["sha256"], !sha.isNull {
                guard let hex = sha.string, hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
                    return violation("upload.sha256 must be 64 hex digits")
                }
            }
            var seekable = false
            if let raw = upload["seekable"], !raw.isNull {
                guard case .bool(let value) = raw else { return violation("upload.seekable must be true or false") }
                seekable = value
            }
            let declaration = UploadDeclaration(name: upload["name"]?.string, size: size, sha256: upload["sha256"]?.string?.lowercased(),
                                                seekable: seekable)
            switch SessionOptions.parse(object["options"], rules: rules) {
            case .success(let options) where options.live && size != nil:
                return violation("invalid option: live needs upload.size null (a stream of unknown length)")
            case .success(let options): return .success(Hello(mode: .start(upload: declaration, options: options), token: token))
            case .failure(let failure): return .failure(failure)
            }
        case "resume":
            guard let session = object["session"]?.string, !session.isEmpty else { return violation("resume needs session") }
            guard let resumeToken = object["resume_token"]?.string, !resumeToken.isEmpty else { return violation("resume needs resume_token") }
            guard let lastSeq = object["last_seq"]?.number, lastSeq >= 0, lastSeq == lastSeq.rounded(), lastSeq < 1e15 else {
                return violation("resume needs last_seq, a whole number ≥ 0")
            }
            return .success(Hello(mode: .resume(session: session, resumeToken: resumeToken, lastSeq: Int(lastSeq)), token: token))
        case .some(let mode): return violation("unknown mode '\(mode)'")
        case nil: return violation("hello needs mode")
        }
    }
}

/// The upload a `start` declares.
public struct UploadDeclaration: Sendable, Equatable {
    public var name: String?
    /// nil: unknown length, ended by `upload_end`.
    public var size: Int64?
    public var sha256: String?
    /// The client can send any byte range of its file on request (`upload_want`).
    public var seekable: Bool

    public init(name: String?, size: Int64?, sha256: String?, seekable: Bool = false) {
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.seekable = seekable
    }
}

extension SessionOptions {
    /// `hello.options`: every field optional; a wrong value is a violation naming the option.
    static func parse(_ value: JSONValue?, rules: HelloRules) -> Result<SessionOptions, ProtocolViolation> {
        var options = SessionOptions()
        if let voice = rules.defaultVoices[options.language] { options.voice = voice }
        guard let value, !value.isNull else { return .success(options) }
        guard case .object(let object) = value else { return .failure(ProtocolViolation(.malformed, "options must be an object")) }
        func bad(_ name: String, _ detail: String = "") -> Result<SessionOptions, ProtocolViolation> {
            .failure(ProtocolViolation(.malformed, "invalid option: \(name)\(detail)"))
        }
        if let raw = object["voice"] { guard let voice = raw.string else { return bad("voice") }; options.voice = voice }
        if let raw = object["language"] { guard let language = raw.string else { return bad("language") }; options.language = language }
        if let raw = object["live"], !raw.isNull { guard let live = raw.bool else { return bad("live", " (true or false)") }; options.live = live }
        if options.live { options.intervalSeconds = SessionOptions.liveInterval }
        if let raw = object["interval_s"] { guard let interval = raw.number else { return bad("interval_s") }; options.intervalSeconds = interval }
        if let raw = object["first_interval_s"], !raw.isNull {
            guard let first = raw.number else { return bad("first_interval_s") }
            options.firstIntervalSeconds = first
        }
        if let raw = object["duck"] { guard let duck = raw.number else { return bad("duck") }; options.duck = duck }
        if let raw = object["highlights_s"] {
            guard let seconds = raw.number else { return bad("highlights_s") }
            options.highlightsSeconds = seconds
        }
        if let raw = object["output"] {
            guard let output = raw.string.flatMap(Output.init(rawValue:)) else { return bad("output") }
            options.output = output
        }
        if let raw = object["style"] {
            guard let style = raw.string.flatMap(Style.init(rawValue:)) else { return bad("style") }
            options.style = style
        }
        if let raw = object["sport"] {
            guard let sport = raw.string, !sport.isEmpty else { return bad("sport") }
            options.sport = Sport(rawValue: sport)
        }
        if object["voice"] == nil, let voice = rules.defaultVoices[options.language] { options.voice = voice }
        if options.live, options.output != .full { return bad("live", " needs output full") }
        if let invalid = options.invalidOption(voices: rules.voices, languages: rules.languages, sports: rules.sports) {
            guard invalid == "sport" else { return bad(invalid) }
            // A close reason has at most 123 bytes: the id is cut short, GET /v1/options lists the sports.
            let id = String(decoding: Array(options.sport.rawValue.utf8.prefix(32)), as: UTF8.self)
            return bad(invalid, " '\(id)' (GET /v1/options lists the sports)")
        }
        return .success(options)
    }
}
