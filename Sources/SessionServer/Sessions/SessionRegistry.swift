import Commentary
import Foundation
import Logging
import SessionModel

/// Every session the server holds, by id and media key; at most `maxSessions` process at
/// once, the others wait in line and are told their place.
actor SessionRegistry {
    private let configuration: ServerConfiguration
    private let outlet: any Outlet
    private let providers: CommentaryProviders
    private let voices: [Voice]
    let media = MediaIndex()
    private var sessions: [String: SessionSupervisor] = [:]
    private var running: Set<String> = []
    /// When each finished session ended: `sweep` deletes it once its retention has passed.
    private var ended: [String: ContinuousClock.Instant] = [:]
    private var waiting: [SessionSupervisor] = [] {
        didSet { metrics.queue(waiting.count) }
    }
    private let metrics: ServerMetrics
    private let logger: Logger

    init(configuration: ServerConfiguration, outlet: any Outlet, providers: CommentaryProviders, voices: [Voice], metrics: ServerMetrics,
         logger: Logger) {
        self.metrics = metrics
        self.logger = logger
        self.configuration = configuration
        self.outlet = outlet
        self.providers = providers
        self.voices = voices
    }

    func create(options: SessionOptions, upload: UploadDeclaration) throws -> SessionSupervisor {
        var options = options
        options.firstIntervalSeconds = options.grid(defaultFirst: configuration.firstIntervalSeconds).first
        let id = Secrets.sessionID()
        let store = SessionStore(dataDirectory: configuration.dataDirectory, id: id)
        try store.create()
        let meta = SessionMeta(id: id, mediaKey: Secrets.mediaKey(), tokenHash: "", options: options, uploadName: upload.name,
                               uploadSize: upload.size, uploadSHA256: upload.sha256,
                               uploadSeekable: upload.seekable && upload.size != nil, created: Date())
        try store.save(meta)
        return add(meta: meta, store: store, events: [])
    }

    private func add(meta: SessionMeta, store: SessionStore, events: [SequencedEvent]) -> SessionSupervisor {
        let supervisor = SessionSupervisor(meta: meta, store: store, configuration: configuration, outlet: outlet,
                                           providers: providers, voices: voices, registry: self, metrics: metrics, logger: logger, events: events)
        sessions[meta.id] = supervisor
        media.add(key: meta.mediaKey, folder: store.output)
        return supervisor
    }

    func find(_ id: String) -> SessionSupervisor? { sessions[id] }

    var count: Int { sessions.count }

    /// A session whose upload is complete asks to process: now, or after those ahead of it.
    func requestProcessing(_ supervisor: SessionSupervisor) async {
        if running.count < configuration.maxSessions {
            start(supervisor)
        } else {
            waiting.append(supervisor)
            await supervisor.queued(position: waiting.count)
        }
    }

    private func start(_ supervisor: SessionSupervisor) {
        running.insert(supervisor.id)
        Task { await supervisor.process() }
    }

    /// A session reached its terminal event: its slot goes to the next in line, and its
    /// files are deleted after the retention time.
    func finished(_ supervisor: SessionSupervisor) async {
        waiting.removeAll { $0.id == supervisor.id }
        if running.remove(supervisor.id) != nil, !waiting.isEmpty {
            start(waiting.removeFirst())
            for (position, next) in waiting.enumerated() { await next.queued(position: position + 1) }
        }
        ended[supervisor.id] = ended[supervisor.id] ?? .now
    }

    /// Deletes the finished sessions whose retention has passed (the server's sweeper calls it).
    func sweep(now: ContinuousClock.Instant = .now) {
        for (id, at) in ended where at + configuration.retention <= now {
            ended[id] = nil
            if let supervisor = sessions[id] { remove(supervisor) }
        }
    }

    private func remove(_ supervisor: SessionSupervisor) {
        metrics.session(from: .finished, to: nil)
        sessions[supervisor.id] = nil
        media.remove(key: supervisor.mediaKey)
        supervisor.store.delete()
    }

    /// Stops every session's work for shutdown; their state is on disk.
    func shutdown() async {
        for session in sessions.values { await session.shutdown() }
        waiting.removeAll()
        running.removeAll()
    }

    /// Sessions left on disk by an earlier run: loaded, and the unfinished ones continue.
    func restore() async {
        let root = configuration.dataDirectory.appendingPathComponent("sessions")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for id in folders where id.hasPrefix("s_") {
            let store = SessionStore(dataDirectory: configuration.dataDirectory, id: id)
            guard let meta = try? store.loadMeta() else { continue }
            let supervisor = add(meta: meta, store: store, events: (try? store.journal.load()) ?? [])
            if await supervisor.isFinished {
                await finished(supervisor)
            } else {
                await supervisor.resumeProcessing()
            }
        }
    }
}
