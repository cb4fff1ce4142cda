import Commentary
import Foundation
import Logging
import Media
import Pipeline
import SessionModel

/// One session: its event log, upload, commands and pipeline, and the one socket attached to
/// it. Every event is written to disk before it is sent; a client that resumes gets the
/// events it missed, in order, exactly once.
actor SessionSupervisor {
    nonisolated let id: String
    nonisolated let mediaKey: String
    private var meta: SessionMeta
    let store: SessionStore
    private let configuration: ServerConfiguration
    private let outlet: any Outlet
    private let providers: CommentaryProviders
    private let voices: [Voice]
    private weak var registry: SessionRegistry?

    private(set) var log: EventLog
    private var upload: UploadState
    /// The upload's running hash while its bytes arrive in order, kept only when the client
    /// declared one to check against (hashing every upload took the cooperative threads the
    /// pipelines need); `hashed` bytes are in it. An upload that arrived out of order is hashed
    /// from the stored file when it completes.
    private var hasher: SHA256?
    private var hashed: Int64 = 0
    /// Whether an MP4's index follows its media data, from the upload's first bytes.
    private var indexLocator: MP4IndexLocator
    /// Lets the pipeline read the upload while it arrives.
    private let progress: UploadProgress
    private var commands = CommandTable()
    private var attached: ConnectionID?
    private var pipeline: Pipeline?
    private var processing = false
    private var uploadChecked = false
    private var expiry: Task<Void, Never>?
    /// Hashing an upload that arrived out of order.
    private var checksum: Task<Void, Never>?
    /// After a restart the pipeline runs again from the start: events already in the log
    /// are not numbered twice.
    private var alreadyLogged: Set<String>?
    /// Set at shutdown: nothing more is recorded or sent.
    private var halted = false
    private var loggedProgress = 0.0
    private static let logger = Logger(label: "playbyplay.session")
    /// The upload's first bytes, until they tell its container (nil once told).
    private var head: [UInt8]? = []
    private var chunksReady = 0
    /// When the last `upload_ack` went out.
    private var lastAcknowledged = ContinuousClock.now
    private static let ackPause: Duration = .milliseconds(500)

    init(meta: SessionMeta, store: SessionStore, configuration: ServerConfiguration, outlet: any Outlet,
         providers: CommentaryProviders, voices: [Voice], registry: SessionRegistry, events: [SequencedEvent] = []) {
        id = meta.id
        mediaKey = meta.mediaKey
        self.meta = meta
        self.store = store
        self.configuration = configuration
        self.outlet = outlet
        self.providers = providers
        self.voices = voices
        self.registry = registry
        log = EventLog(entries: events)
        let record = store.loadUploadRecord()
        upload = UploadState(declaredSize: meta.uploadSize, limit: configuration.maxUploadBytes,
                             chunkMax: configuration.chunkMax, window: configuration.window,
                             seekable: meta.uploadSeekable ?? false, stored: record.ranges, position: record.position)
        indexLocator = MP4IndexLocator(fileSize: meta.uploadSize)
        if meta.uploadSHA256 != nil, record.ranges.count == record.ranges.prefix {
            hasher = Self.hash(of: store.uploadFile, to: record.ranges.prefix)
            hashed = record.ranges.prefix
        }
        progress = UploadProgress(declaredSize: meta.uploadSize, ranges: record.ranges)
        if record.ranges.prefix > 0 { head = nil }
        if upload.isComplete { progress.finish() }
        GrowingFiles.register(store.uploadFile.path, progress)
    }

    /// The hash of what a restarted server already holds, read a MiB at a time.
    /// `hasher` (a fresh one by default) fed on with the file's bytes [start, end).
    private static func hash(of file: URL, from start: Int64 = 0, to end: Int64, continuing hasher: SHA256 = SHA256()) -> SHA256 {
        var hasher = hasher
        guard end > start, let handle = try? FileHandle(forReadingFrom: file) else { return hasher }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(start))) != nil else { return hasher }
        var left = end - start
        while left > 0, let block = try? handle.read(upToCount: Int(min(left, 1 << 20))), !block.isEmpty {
            hasher.update(block)
            left -= Int64(block.count)
        }
        return hasher
    }

    var isFinished: Bool { log.isFinished }
    var uploadComplete: Bool { upload.isComplete }
    var output: URL { store.output }

    // MARK: sockets

    /// Attaches `connection` (superseding any other) after checking the resume token; sends
    /// `welcome` and the events after `lastSeq`. Returns the violation that refuses it.
    func resume(_ connection: ConnectionID, token: String, lastSeq: Int) -> ProtocolViolation? {
        guard constantTimeEqual(Array(hexString(Secrets.hash(token)).utf8), Array(meta.tokenHash.utf8)) else {
            return ProtocolViolation(.badToken, "wrong resume token")
        }
        guard lastSeq <= log.lastSeq else { return ProtocolViolation(.malformed, "last_seq \(lastSeq) is beyond the newest event \(log.lastSeq)") }
        attach(connection, lastSeq: lastSeq)
        return nil
    }

    func attach(_ connection: ConnectionID, lastSeq: Int) {
        if let previous = attached, previous != connection {
            outlet.close(previous, code: CloseCode.superseded.rawValue, reason: "superseded by a newer connection")
        }
        if lastSeq > 0 || log.lastSeq > 0 {
            SessionLogLine(level: .info, message: "session resumed", metadata: ["session.last_seq": "\(lastSeq)"]).write(to: Self.logger, session: id)
        }
        attached = connection
        expiry?.cancel()
        let token = Secrets.resumeToken()
        meta.tokenHash = hexString(Secrets.hash(token))
        try? store.save(meta)
        let welcome = WelcomeMessage(
            session: id, resumeToken: token, expiresIn: configuration.expiresIn,
            upload: .init(offset: upload.offset, chunkMax: configuration.chunkMax, window: configuration.window,
                          complete: upload.isComplete, ranges: upload.durable, want: upload.seekable ? upload.position : nil),
            lastSeq: log.lastSeq, finished: log.isFinished,
            voices: voices,
            limits: .init(maxUploadBytes: configuration.maxUploadBytes))
        send(connection, json(welcome))
        if case .success(let missed) = log.replay(after: lastSeq) {
            for entry in missed { send(connection, json(entry)) }
        }
        if log.isFinished { outlet.close(connection, code: CloseCode.terminal.rawValue, reason: "session finished") }
        if log.lastSeq == 0 {
            record(.status(StatusEvent(stage: .receiving, message: "receiving the upload; processing starts as soon as the video's header is here", progress: 0)))
        }
    }

    func detach(_ connection: ConnectionID) {
        guard attached == connection else { return }
        attached = nil
        guard !upload.isComplete, !log.isFinished else { return }
        SessionLogLine(level: .info, message: "session detached during its upload", metadata: ["upload.offset": "\(upload.offset)"])
            .write(to: Self.logger, session: id)
        let seconds = configuration.expiresIn
        expiry = Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            guard !Task.isCancelled else { return }
            await self?.expire()
        }
    }

    private func expire() async {
        guard attached == nil, !upload.isComplete, !log.isFinished else { return }
        await cancel()
    }

    // MARK: messages

    func handle(_ message: ClientMessage, from connection: ConnectionID) async {
        guard attached == connection else { return }
        switch message {
        case .hello:
            close(connection, ProtocolViolation(.malformed, "a second hello"))
        case .ping:
            send(connection, Array(TransferMessage.pong.json.utf8))
        case .uploadEnd:
            if let violation = upload.end() { return close(connection, violation) }
            acknowledge(connection)
        case .command(let request):
            await command(request)
        }
    }

    /// A binary upload frame.
    func receive(_ frame: [UInt8], from connection: ConnectionID) {
        guard attached == connection, !halted else { return }
        switch upload.receive(frame: frame) {
        case .store(let offset, let range, let want):
            let payload = frame[range]
            let count = range.count
            do {
                try store.writeUpload(payload, at: offset)
            } catch {
                record(.error(ErrorEvent(code: "internal", message: "the upload cannot be stored: \(error.localizedDescription)", fatal: true)))
                return
            }
            if hasher != nil, offset == hashed {
                hasher?.update(payload)
                hashed += Int64(count)
            }
            progress.store(offset..<(offset + Int64(count)))
            guard sniff(payload, at: offset) else { return }
            var next = want
            // A seekable client keeps one frame in flight until it hears whether the index
            // comes first: each frame is acknowledged until the box headers tell.
            let deciding = upload.seekable && indexLocator.verdict == .undecided
            if deciding, case .indexAfter(let index) = indexLocator.feed(payload, at: offset), let asked = upload.want(index) {
                next = asked
            }
            // The want goes first: a client that hears the ack first sends on where it was.
            if let next { send(connection, Array(TransferMessage.want(offset: next).json.utf8)) }
            acknowledge(connection, range: offset..<(offset + Int64(count)), now: deciding)
        case .nack(let expected):
            send(connection, Array(TransferMessage.nack(expected: expected).json.utf8))
        case .close(let violation):
            close(connection, violation)
        }
    }

    /// Collects the upload's first bytes until they tell its container; a file that starts
    /// like none the server reads ends the session at once. False when it did.
    private func sniff(_ payload: ArraySlice<UInt8>, at offset: Int64) -> Bool {
        guard var bytes = head else { return true }
        if offset == Int64(bytes.count) { bytes += payload.prefix(ContainerSniff.needed - bytes.count) }
        let whole = meta.uploadSize.map { Int64(bytes.count) >= $0 } ?? false
        guard bytes.count >= ContainerSniff.needed || whole else {
            head = bytes
            return true
        }
        head = nil
        guard ContainerSniff.of(bytes[...]) == .unknown else { return true }
        let name = shownName ?? "the upload"
        record(.error(ErrorEvent(code: "unsupported_media",
                                 message: "\(name) is not a video file the server reads: it is no MP4/MOV, Matroska/WebM or MPEG-TS file", fatal: true)))
        return false
    }

    private func acknowledge(_ connection: ConnectionID, range: Range<Int64>? = nil, now: Bool = false) {
        // A slow line hears of each frame (half a second or more apart), a fast one once a MiB.
        let due = now || lastAcknowledged.duration(to: .now) >= Self.ackPause
        if upload.stored(range ?? 0..<0, now: due) {
            lastAcknowledged = .now
            try? store.save(UploadRecord(ranges: upload.acknowledged, position: upload.position))
            send(connection, Array(TransferMessage.ack(offset: upload.offset, ranges: upload.acknowledged).json.utf8))
        }
        if upload.isComplete { uploadFinished() }
    }

    private func uploadFinished() {
        guard !uploadChecked, !log.isFinished else { return }
        uploadChecked = true
        progress.finish()
        SessionLogLine(level: .info, message: "session upload complete", metadata: ["upload.bytes": "\(upload.offset)"])
            .write(to: Self.logger, session: id)
        guard let expected = meta.uploadSHA256 else { return }
        if let hasher, hashed == upload.offset {
            checkHash(hexString(hasher.finalize()), expected: expected)
            return
        }
        // Stored out of order: what came after the bytes hashed in order is hashed from the
        // file, off the actor.
        let (file, size) = (store.uploadFile, upload.offset)
        let (start, partial) = hasher.map { (hashed, $0) } ?? (0, SHA256())
        checksum = Task { [weak self] in
            let digest = await Offload.run { hexString(Self.hash(of: file, from: start, to: size, continuing: partial).finalize()) }
            await self?.checkHash(digest, expected: expected)
        }
    }

    private func checkHash(_ actual: String, expected: String) {
        if actual != expected {
            record(.error(ErrorEvent(code: "checksum_mismatch", message: "the upload's SHA-256 is \(actual), not \(expected)", fatal: true)))
        }
    }

    /// Processing starts with the session: the pipeline reads the upload as it arrives.
    func startProcessing() async {
        guard !processing, !log.isFinished else { return }
        processing = true
        await registry?.requestProcessing(self)
    }

    // MARK: commands

    private func command(_ request: CommandRequest) async {
        if let earlier = commands.result(for: request.id) {
            record(.commandResult(earlier))
            return
        }
        let command = SessionCommand.interpret(request)
        let outcome: Result<JSONValue, CommandError>
        switch command {
        case .failure(let error):
            outcome = .failure(error)
        case .success(.cancel):
            outcome = .success(.object([:]))
        case .success(.reprioritise(let interval, let at)):
            outcome = await reprioritise(interval: interval, at: at)
        case .success(.changeVoice(let voice)):
            outcome = await changeVoice(voice)
        }
        let result = CommandResultEvent(id: request.id, name: request.name, result: outcome)
        commands.record(result)
        record(.commandResult(result))
        if case .success(.cancel) = command { await cancel() }
    }

    private func reprioritise(interval: Int?, at: Double?) async -> Result<JSONValue, CommandError> {
        let target = interval ?? meta.options.grid().interval(at: at ?? 0)
        guard let pipeline else {
            return .success(.object(["interval": .number(Double(target)), "state": .string("queued")]))
        }
        guard let answer = await pipeline.prioritise(interval: target) else {
            return .failure(.invalidArgs("interval \(target) is past the end of the video"))
        }
        return .success(.object(["interval": .number(Double(answer.interval)), "state": .string(answer.state.rawValue)]))
    }

    private func changeVoice(_ voice: String) async -> Result<JSONValue, CommandError> {
        guard voices.contains(where: { $0.id == voice }) else {
            // Not offered: the synthesizer may know it and say why it cannot speak.
            var message = "unknown voice '\(voice)' (welcome.voices lists the voices that speak)"
            do throws(ProviderError) {
                try await providers.synthesizer.checkVoice(voice)
            } catch {
                message = error.message
            }
            return .failure(CommandError(code: "unknown_voice", message: message))
        }
        var from = 0
        if let pipeline {
            switch await pipeline.setVoice(voice) {
            case .success(let interval): from = interval
            // Listed, yet it cannot speak now (a model that failed to load, say): the session keeps its voice.
            case .failure(let error): return .failure(CommandError(code: "voice_unavailable", message: error.message))
            }
        }
        // Kept in the session's meta either way: a restarted server goes on in the new voice.
        meta.options.voice = voice
        try? store.save(meta)
        return .success(.object(["voice": .string(voice), "from_interval": .number(Double(from))]))
    }

    private func cancel() async {
        if let pipeline {
            await pipeline.cancel()
        } else {
            record(.cancelled(CancelledEvent(chunks: 0)))
        }
        progress.abort()
    }

    // MARK: processing

    /// Stops the session's work for a server shutdown, leaving it to continue after a restart.
    func shutdown() async {
        halted = true
        expiry?.cancel()
        checksum?.cancel()
        await pipeline?.halt()
        progress.abort()
        GrowingFiles.unregister(store.uploadFile.path)
        store.close()
    }

    /// Continues a session an earlier server run left unfinished.
    func resumeProcessing() async {
        guard !processing, !log.isFinished else { return }
        processing = true
        if upload.isComplete { uploadChecked = true }
        alreadyLogged = Set(log.entries.compactMap { Self.identity($0.event) })
        loggedProgress = log.entries.compactMap { if case .status(let s) = $0.event { s.progress } else { nil } }.max() ?? 0
        await registry?.requestProcessing(self)
    }

    /// What makes an event the same event when a restarted pipeline sends it again.
    private static func identity(_ event: ServerEvent) -> String? {
        switch event {
        case .mediaInfo(let e): "media_info:\(e.isFinal)"
        case .poster: "poster"
        case .eventsDetected(let e): "events_detected:\(e.interval)"
        case .commentaryReady(let e): "commentary_ready:\(e.index)"
        case .chunkReady(let e): "chunk_ready:\(e.index)"
        case .warning(let e): "warning:\(e.code):\(e.interval ?? -1)"
        case .error(let e): "error:\(e.code):\(e.index ?? -1)"
        default: nil
        }
    }

    private func isRepeat(_ event: ServerEvent) -> Bool {
        guard let alreadyLogged else { return false }
        if case .status(let status) = event { return status.progress <= loggedProgress && status.stage != .queued }
        guard let identity = Self.identity(event) else { return false }
        return alreadyLogged.contains(identity)
    }

    func queued(position: Int) {
        record(.status(StatusEvent(stage: .queued, message: "waiting for a free slot", progress: 0, queuePosition: position)))
    }

    /// Runs the pipeline on the stored upload until its terminal event. Processing starts
    /// before the upload's hash is known, and a declared hash is not yet checked, so detection
    /// results are cached per session (a restart reuses them), never across sessions: a
    /// client cannot read or poison another upload's results.
    func process() async {
        guard !log.isFinished else { return }
        var configuration = PipelineConfiguration(
            source: store.uploadFile, outputDirectory: store.output,
            cacheDirectory: self.configuration.dataDirectory.appendingPathComponent("cache"),
            contentKey: "session-\(id)", options: meta.options, urlPrefix: "/media/\(mediaKey)/")
        configuration.limits = self.configuration.mediaLimits
        configuration.sourceName = shownName
        let pipeline = Pipeline(configuration: configuration, providers: providers)
        self.pipeline = pipeline
        async let running: Void = pipeline.run()
        for await event in pipeline.events { record(event) }
        await running
    }

    /// Numbers the event, writes it, then sends it; closes the socket after a terminal event.
    private func record(_ event: ServerEvent) {
        guard !halted, !isRepeat(event), let entry = log.append(event) else { return }
        try? store.append(entry)
        SessionLogLine.of(event, chunksSoFar: chunksReady)?.write(to: Self.logger, session: id)
        if case .chunkReady = event { chunksReady += 1 }
        if let attached {
            send(attached, json(entry))
            if event.isTerminal { outlet.close(attached, code: CloseCode.terminal.rawValue, reason: "session finished") }
        }
        if event.isTerminal {
            progress.abort()
            GrowingFiles.unregister(store.uploadFile.path)
            if !halted { Task { await pipeline?.halt() } }
            Task { await registry?.finished(self) }
        }
    }

    // MARK: helpers

    /// The upload's name as the client gave it, for messages (nil when it gave none).
    private var shownName: String? { meta.uploadName.flatMap { $0.isEmpty ? nil : $0 } }

    private func send(_ connection: ConnectionID, _ bytes: [UInt8]) { outlet.send(connection, bytes, binary: false) }

    private func close(_ connection: ConnectionID, _ violation: ProtocolViolation) {
        outlet.close(connection, code: violation.code.rawValue, reason: violation.reason)
    }

    private func json<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data())
    }
}
