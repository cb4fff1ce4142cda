import Cluster
import Commentary
import Foundation
import Logging
import Media
import Pipeline
import SessionModel

/// One session's I/O: it feeds what happens (a socket, a frame, a message, a pipeline event)
/// to the session's `SessionMachine` and carries out the actions it returns: sends, closes,
/// writes to the session's folder, the pipeline's work. The rules are the machine's.
/// Owns three tasks: the expiry timer, the ack after a pause in the upload, and the hash of an
/// upload stored out of order (all cancelled at shutdown); everything else it awaits.
actor SessionSupervisor {
    nonisolated let id: String
    nonisolated let mediaKey: String
    var meta: SessionMeta
    let store: SessionStore
    let configuration: ServerConfiguration
    let outlet: any Outlet
    let providers: CommentaryProviders
    private(set) weak var registry: SessionRegistry?
    var machine: SessionMachine
    var hash: UploadHash?
    /// Lets the pipeline read the upload while it arrives.
    let progress: UploadProgress
    var pipeline: Pipeline?
    var expiry: Task<Void, Never>?
    var checksum: Task<Void, Never>?
    /// The ack after a pause in the client's frames (`ackWhenPaused`).
    var pausedAck: Task<Void, Never>?
    /// The server's logger with this session's id in its metadata.
    let logger: Logger
    let metrics: ServerMetrics
    /// The state the session is counted in (`playbyplay_sessions`).
    var counted: SessionMachine.Phase?
    /// Cluster mode: the journal, meta and record writes and the sends, in order, off the pool.
    let writes: SharedWrites?
    /// Cluster mode: the outputs copied to the store before the event that announces them.
    let mirror: OutputMirror?
    /// Cluster mode: the session is another server's now (lease lost or handed over); nothing
    /// more is carried out here.
    var lost = false

    init(meta: SessionMeta, store: SessionStore, configuration: ServerConfiguration, outlet: any Outlet,
         providers: CommentaryProviders, voices: [Voice], registry: SessionRegistry, metrics: ServerMetrics, logger: Logger, events: [SequencedEvent] = []) {
        self.metrics = metrics
        var logger = logger
        logger[metadataKey: "session.id"] = "\(meta.id)"
        self.logger = logger
        id = meta.id
        mediaKey = meta.mediaKey
        self.meta = meta
        self.store = store
        self.configuration = configuration
        self.outlet = outlet
        self.providers = providers
        self.registry = registry
        let record = store.loadUploadRecord()
        let settings = SessionMachine.Settings(
            session: meta.id, expiresIn: configuration.expiresIn, chunkMax: configuration.chunkMax, window: configuration.window,
            maxUploadBytes: configuration.maxUploadBytes, voices: voices, uploadName: meta.uploadName, uploadSize: meta.uploadSize,
            uploadSHA256: meta.uploadSHA256, seekable: meta.uploadSeekable ?? false)
        machine = SessionMachine(settings: settings, options: meta.options, events: events, stored: record.ranges, position: record.position)
        // A complete upload's hash is not checked again after a restart: its bytes are not re-read.
        if meta.uploadSHA256 != nil, !machine.upload.isComplete { hash = UploadHash(continuing: store.uploadFile, stored: record.ranges) }
        progress = UploadProgress(declaredSize: meta.uploadSize, ranges: record.ranges)
        if machine.upload.isComplete { progress.finish() }
        counted = machine.phase
        metrics.session(from: nil, to: counted)
        mirror = store.share.map { OutputMirror(folder: store.output, mediaKey: meta.mediaKey, objects: $0.services.objects) }
        writes = store.share.map { share in
            SharedWrites(session: share.session, lost: { [weak registry] error in
                Task { await registry?.find(share.session)?.leaseLost(error.message) }
            }, failed: { [weak registry] what, error in
                Task { await registry?.find(share.session)?.cutOff(what, error) }
            })
        }
    }

    var isFinished: Bool { machine.isFinished }

    // MARK: what happens

    /// Attaches `connection` after checking the resume token. Returns the violation that refuses it.
    func resume(_ connection: ConnectionID, token: String, lastSeq: Int) async -> ProtocolViolation? {
        guard constantTimeEqual(Array(hexString(Secrets.hash(token)).utf8), Array(meta.tokenHash.utf8)) else {
            return ProtocolViolation(.badToken, "wrong resume token")
        }
        let next = Secrets.resumeToken()
        switch machine.resume(connection, lastSeq: lastSeq, token: next, tokenHash: hexString(Secrets.hash(next))) {
        case .failure(let violation): return violation
        case .success(let actions): await perform(actions)
        }
        return nil
    }

    func attach(_ connection: ConnectionID, lastSeq: Int) async {
        let token = Secrets.resumeToken()
        await perform(machine.attach(connection, lastSeq: lastSeq, token: token, tokenHash: hexString(Secrets.hash(token))))
    }

    func detach(_ connection: ConnectionID) async { await perform(machine.detach(connection)) }

    func handle(_ message: ClientMessage, from connection: ConnectionID) async {
        await perform(machine.handle(message, from: connection, at: .now))
    }

    /// A binary upload frame: its bytes are written before anything is acknowledged.
    func receive(_ frame: [UInt8], from connection: ConnectionID) async {
        for action in machine.receive(frame: frame, from: connection) {
            guard case .store(let offset, let range, let want) = action else {
                await perform([action])
                continue
            }
            let payload = frame[range]
            do {
                try store.writeUpload(payload, at: offset)
            } catch {
                return await perform(machine.storeFailed(error.localizedDescription))
            }
            if let share = store.share {
                // Stored in the cluster before any acknowledgement covers it.
                do throws(ClusterError) {
                    try await Offload.run { () throws(ClusterError) in try share.storePart(Array(payload), at: offset) }
                } catch {
                    return await perform(machine.storeFailed("the object store: \(error.message)"))
                }
                guard !lost else { return }
            }
            hash?.update(payload, at: offset)
            metrics.uploaded(payload.count)
            progress.store(offset..<(offset + Int64(payload.count)))
            await perform(machine.stored(payload, at: offset, want: want, from: connection, at: .now))
        }
        ackWhenPaused()
    }

    /// Stored bytes no ack covers yet get one once no frame came for half a second.
    private func ackWhenPaused() {
        pausedAck?.cancel()
        guard machine.awaitsAck else { return }
        pausedAck = Task { [weak self] in
            try? await Task.sleep(for: SessionMachine.ackPause)
            guard !Task.isCancelled else { return }
            await self?.acknowledgePending()
        }
    }

    private func acknowledgePending() async { await perform(machine.acknowledgePending(at: .now)) }

    func startProcessing() async { await perform(machine.startProcessing()) }

    /// Continues a session an earlier server run left unfinished.
    func resumeProcessing() async { await perform(machine.resumeProcessing()) }

    func queued(position: Int) async { await perform(machine.queued(position: position)) }

    /// Runs the pipeline on the stored upload until its terminal event. Processing starts
    /// before the upload's hash is known, and a declared hash is not yet checked, so detection
    /// results are cached per session (a restart reuses them), never across sessions: a
    /// client cannot read or poison another upload's results.
    func process() async {
        guard machine.pipelineStarts() else { return }
        countPhase()
        var configuration = PipelineConfiguration(
            source: store.uploadFile, outputDirectory: store.output,
            cacheDirectory: self.configuration.dataDirectory.appendingPathComponent("cache"),
            contentKey: "session-\(id)", options: machine.options, urlPrefix: "/media/\(mediaKey)/")
        configuration.upload = progress
        configuration.limits = self.configuration.mediaLimits
        configuration.live = self.configuration.live
        configuration.sourceName = machine.settings.uploadName
        // After a restart or a takeover: what was told stays told, made chunks stay made.
        configuration.prior = PriorDeliveries(machine.log.entries.map(\.event))
        configuration.logger = logger
        let pipeline = Pipeline(configuration: configuration, providers: providers)
        self.pipeline = pipeline
        async let running: Void = pipeline.run()
        for await event in pipeline.events { await perform(machine.record(event)) }
        await running
    }

    /// Stops the session's work for a server shutdown, leaving it to continue after a restart.
    func shutdown() async {
        machine.halt()
        metrics.session(from: counted, to: nil)
        counted = nil
        expiry?.cancel()
        pausedAck?.cancel()
        checksum?.cancel()
        await pipeline?.halt()
        progress.abort()
        store.close()
    }
}
