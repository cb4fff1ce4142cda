/// One session's life with no I/O: which socket is attached (a newer one supersedes it), the
/// upload's verdicts, the commands and their results, the options kept across a restart, the
/// event log (written before it is sent, each event once even when a restarted pipeline sends
/// it again) and its terminal event. Every mutating method returns the actions the session's
/// supervisor carries out, in order (PROTOCOL.md is the contract; the tests in
/// SessionMachineTests walk each rule).
public struct SessionMachine: Sendable {
    public typealias Connection = UInt64

    /// What a session is welcomed with and checked against, fixed for its life.
    public struct Settings: Sendable, Equatable {
        public var session: String
        public var expiresIn: Int
        public var chunkMax: Int
        public var window: Int64
        public var maxUploadBytes: Int64
        public var voices: [Voice]
        /// The upload's name as the client gave it, nil when it gave none or an empty one
        /// (messages name the user's file, never upload.bin).
        public var uploadName: String?
        public var uploadSize: Int64?
        public var uploadSHA256: String?
        public var seekable: Bool

        public init(session: String, expiresIn: Int, chunkMax: Int, window: Int64, maxUploadBytes: Int64, voices: [Voice],
                    uploadName: String?, uploadSize: Int64?, uploadSHA256: String?, seekable: Bool) {
            self.session = session
            self.expiresIn = expiresIn
            self.chunkMax = chunkMax
            self.window = window
            self.maxUploadBytes = maxUploadBytes
            self.voices = voices
            self.uploadName = uploadName.flatMap { $0.isEmpty ? nil : $0 }
            self.uploadSize = uploadSize
            self.uploadSHA256 = uploadSHA256
            self.seekable = seekable
        }
    }

    public enum Phase: Sendable, Equatable {
        /// The upload arrives; processing was not asked for yet.
        case receiving
        /// Processing was asked for: waiting for a slot, or the pipeline is being set up.
        case waiting
        /// A pipeline runs: commands that need it are asked of it.
        case processing
        /// The terminal event is in the log.
        case finished
        /// The server is shutting down: nothing more is recorded or sent.
        case halted
    }

    public let settings: Settings
    public internal(set) var phase: Phase
    /// The options the session runs with; a voice change is kept here (and saved) either way.
    public internal(set) var options: SessionOptions
    public internal(set) var log: EventLog
    public internal(set) var upload: UploadState
    public internal(set) var attached: Connection?
    var commands = CommandTable()
    /// Whether an MP4's index follows its media data, from the upload's first bytes.
    var indexLocator: MP4IndexLocator
    /// The upload's first bytes until they tell its container (nil once told).
    var head: [UInt8]?
    var uploadChecked = false
    var chunksReady = 0
    var lastAcknowledged: ContinuousClock.Instant?
    /// A live session: when its last frame was stored, and whether a new socket took the stream
    /// since (set in `attach`; the next frame then reports the gap).
    var lastFrameAt: ContinuousClock.Instant?
    var ingestCut = false
    /// After a restart the pipeline runs again from the start: what the log already holds.
    var restarted: Replayed?

    /// Acks on a slow line: the first frame stored this long after the last ack is acknowledged.
    public static let ackPause: Duration = .milliseconds(500)

    /// `events`: the log an earlier server run left; `stored`/`position`: its upload record.
    public init(settings: Settings, options: SessionOptions, events: [SequencedEvent] = [],
                stored: ByteRanges = ByteRanges(), position: Int64? = nil) {
        self.settings = settings
        self.options = options
        log = EventLog(entries: events)
        upload = UploadState(declaredSize: settings.uploadSize, limit: settings.maxUploadBytes, chunkMax: settings.chunkMax,
                             window: settings.window, seekable: settings.seekable, stored: stored, position: position)
        indexLocator = MP4IndexLocator(fileSize: settings.uploadSize)
        head = stored.prefix > 0 ? nil : []
        chunksReady = events.filter { $0.event.type == "chunk_ready" }.count
        phase = log.isFinished ? .finished : .receiving
    }

    public var isFinished: Bool { log.isFinished }

    // MARK: sockets

    /// A `resume` hello whose token the supervisor checked: attaches, or the violation that refuses it.
    public mutating func resume(_ connection: Connection, lastSeq: Int, token: String, tokenHash: String) -> Result<[Action], ProtocolViolation> {
        guard lastSeq >= 0, lastSeq <= log.lastSeq else {
            return .failure(ProtocolViolation(.malformed, "last_seq \(lastSeq) is beyond the newest event \(log.lastSeq)"))
        }
        return .success(attach(connection, lastSeq: lastSeq, token: token, tokenHash: tokenHash))
    }

    /// Attaches `connection`, superseding any other: a new resume token (only its hash is
    /// kept), `welcome`, the events after `lastSeq`; a finished session's socket then closes.
    public mutating func attach(_ connection: Connection, lastSeq: Int, token: String, tokenHash: String) -> [Action] {
        var actions: [Action] = []
        if let previous = attached, previous != connection {
            actions.append(.close(previous, .superseded, "superseded by a newer connection"))
        }
        // A live stream back on a new socket (the old one perhaps not yet seen to be gone).
        if options.live, lastFrameAt != nil, !upload.isComplete { ingestCut = true }
        if lastSeq > 0 || log.lastSeq > 0 {
            actions.append(.log(SessionLogLine(level: .info, message: "session resumed", metadata: ["session.last_seq": "\(lastSeq)"])))
        }
        attached = connection
        actions += [.cancelExpiry, .saveToken(hash: tokenHash), .send(connection, .welcome(welcome(token: token)))]
        if case .success(let missed) = log.replay(after: lastSeq) {
            actions += missed.map { .send(connection, .event($0)) }
        }
        if log.isFinished { actions.append(.close(connection, .terminal, "session finished")) }
        if log.lastSeq == 0 {
            actions += record(.status(StatusEvent(stage: .receiving, message: "receiving the upload; processing starts as soon as the video's header is here",
                                                  progress: 0)))
        }
        return actions
    }

    func welcome(token: String) -> WelcomeMessage {
        WelcomeMessage(
            session: settings.session, resumeToken: token, expiresIn: settings.expiresIn,
            upload: .init(offset: upload.offset, chunkMax: settings.chunkMax, window: settings.window,
                          complete: upload.isComplete, ranges: upload.durable, want: upload.seekable ? upload.position : nil),
            lastSeq: log.lastSeq, finished: log.isFinished, voices: settings.voices,
            limits: .init(maxUploadBytes: settings.maxUploadBytes))
    }

    /// The attached socket went away; an upload left unfinished expires after `expires_in`.
    public mutating func detach(_ connection: Connection) -> [Action] {
        guard attached == connection else { return [] }
        attached = nil
        guard !upload.isComplete, !log.isFinished, phase != .halted else { return [] }
        return [.log(SessionLogLine(level: .info, message: "session detached during its upload", metadata: ["upload.offset": "\(upload.offset)"])),
                .startExpiry(seconds: settings.expiresIn)]
    }

    /// `expires_in` passed with no socket: an upload still unfinished is cancelled.
    public mutating func expire() -> [Action] {
        guard attached == nil, !upload.isComplete, !log.isFinished else { return [] }
        return stopWork()
    }

    /// The server is shutting down: the session continues when a server starts again.
    public mutating func halt() {
        phase = .halted
    }

    /// A text message from the client (`hello` came first and was handled by the server).
    public mutating func handle(_ message: ClientMessage, from connection: Connection, at now: ContinuousClock.Instant) -> [Action] {
        guard attached == connection, phase != .halted else { return [] }
        switch message {
        case .hello:
            return [.close(connection, .malformed, "a second hello")]
        case .ping:
            return [.send(connection, .transfer(.pong))]
        case .uploadEnd:
            if let violation = upload.end() { return [.close(connection, violation.code, violation.reason)] }
            return acknowledge(connection, now: false, at: now)
        case .command(let request):
            return command(request)
        }
    }

    // MARK: processing

    /// The session asks for a slot once it starts (the pipeline reads the upload as it arrives).
    public mutating func startProcessing() -> [Action] {
        guard phase == .receiving else { return [] }
        phase = .waiting
        return [.requestProcessing]
    }

    /// Continues a session an earlier server run left unfinished: what its log holds is not
    /// numbered again when the new pipeline sends it.
    public mutating func resumeProcessing() -> [Action] {
        guard phase == .receiving else { return [] }
        // Cancelled, and the server stopped before the pipeline said so: the session ends cancelled.
        if log.entries.contains(where: { if case .commandResult(let r) = $0.event { r.name == "cancel" && r.ok } else { false } }) {
            return record(.cancelled(CancelledEvent(chunks: chunksReady)))
        }
        if upload.isComplete { uploadChecked = true }
        restarted = Replayed(log)
        phase = .waiting
        return [.requestProcessing]
    }

    /// Waiting for a free slot.
    public mutating func queued(position: Int) -> [Action] {
        record(.status(StatusEvent(stage: .queued, message: "waiting for a free slot", progress: 0, queuePosition: position)))
    }

    /// The slot is free: true when a pipeline should run (not when the session ended meanwhile).
    public mutating func pipelineStarts() -> Bool {
        guard phase == .waiting || phase == .receiving else { return false }
        phase = .processing
        return true
    }
}
