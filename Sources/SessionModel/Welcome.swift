/// A voice a synthesizer offers (PROTOCOL.md `welcome.voices`): `id` selects it, `name` is
/// for people ("English (Great Britain)"), `language` its language code ("en").
public struct Voice: Sendable, Equatable, Codable, Hashable {
    public var id: String
    public var name: String
    public var language: String
    public var provider: String

    /// `name` defaults to the id.
    public init(id: String, name: String? = nil, language: String, provider: String) {
        self.id = id
        self.name = name ?? id
        self.language = language
        self.provider = provider
    }

    enum CodingKeys: String, CodingKey { case id, name, language, provider }

    /// A voice from a server that sends no `name` is named by its id.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? id
        language = try container.decode(String.self, forKey: .language)
        provider = try container.decode(String.self, forKey: .provider)
    }
}

/// The unnumbered messages the server sends besides events.
public struct WelcomeMessage: Sendable, Equatable, Codable {
    public struct Upload: Sendable, Equatable, Codable {
        /// The contiguous prefix stored (v1).
        public var offset: Int64
        public var chunkMax: Int
        public var window: Int64
        public var complete: Bool
        /// Every stored range, sorted, half-open.
        public var ranges: ByteRanges
        /// Where to send next, for a client that declared `seekable` (absent otherwise: `offset`).
        public var want: Int64?

        public init(offset: Int64, chunkMax: Int, window: Int64, complete: Bool, ranges: ByteRanges? = nil, want: Int64? = nil) {
            self.offset = offset
            self.chunkMax = chunkMax
            self.window = window
            self.complete = complete
            self.ranges = ranges ?? ByteRanges(offset > 0 ? [0..<offset] : [])
            self.want = want
        }

        enum CodingKeys: String, CodingKey { case offset, chunkMax = "chunk_max", window, complete, ranges, want }
    }

    public struct Limits: Sendable, Equatable, Codable {
        public var maxUploadBytes: Int64

        public init(maxUploadBytes: Int64) { self.maxUploadBytes = maxUploadBytes }

        enum CodingKeys: String, CodingKey { case maxUploadBytes = "max_upload_bytes" }
    }

    public var type = "welcome"
    public var session: String
    public var resumeToken: String
    public var expiresIn: Int
    public var upload: Upload
    public var lastSeq: Int
    public var finished: Bool
    public var voices: [Voice]
    public var limits: Limits

    public init(session: String, resumeToken: String, expiresIn: Int, upload: Upload, lastSeq: Int, finished: Bool,
                voices: [Voice], limits: Limits) {
        self.session = session
        self.resumeToken = resumeToken
        self.expiresIn = expiresIn
        self.upload = upload
        self.lastSeq = lastSeq
        self.finished = finished
        self.voices = voices
        self.limits = limits
    }

    enum CodingKeys: String, CodingKey {
        case type, session, resumeToken = "resume_token", expiresIn = "expires_in", upload, lastSeq = "last_seq", finished, voices, limits
    }
}

/// `upload_ack`, `upload_nack`, `upload_want` and `pong`.
public enum TransferMessage: Sendable, Equatable {
    /// `offset` the contiguous prefix (v1), `ranges` every stored range.
    case ack(offset: Int64, ranges: ByteRanges)
    case nack(expected: Int64)
    /// Send from `offset` next (only to a client that declared `seekable`).
    case want(offset: Int64)
    case pong

    public var json: String {
        switch self {
        case .ack(let offset, let ranges):
            let pairs = ranges.pairs.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",")
            return #"{"type":"upload_ack","offset":\#(offset),"ranges":[\#(pairs)]}"#
        case .nack(let expected): return #"{"type":"upload_nack","expected":\#(expected)}"#
        case .want(let offset): return #"{"type":"upload_want","offset":\#(offset)}"#
        case .pong: return #"{"type":"pong"}"#
        }
    }
}
