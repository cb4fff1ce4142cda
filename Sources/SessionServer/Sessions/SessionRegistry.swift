import Cluster
import Commentary
import Foundation
import Logging
import SessionModel

/// Every session the server holds, by id and media key; at most `maxSessions` process at
/// once, the others wait in line and are told their place.
actor SessionRegistry {
    let configuration: ServerConfiguration
    private let outlet: any Outlet
    private let providers: CommentaryProviders
    private let voices: [Voice]
    let media = MediaIndex()
    var sessions: [String: SessionSupervisor] = [:]
    private var running: Set<String> = []
    /// When each finished session ended: `sweep` deletes it once its retention has passed.
    private var ended: [String: ContinuousClock.Instant] = [:]
    private var waiting: [SessionSupervisor] = [] {
        didSet { metrics.queue(waiting.count) }
    }
    private let metrics: ServerMetrics
    let logger: Logger
    /// Cluster mode's services (nil: embedded, everything in the data folder).
    let cluster: ClusterServices?
    /// Takeovers under way, so a resume and the orphan sweeper share one.
    var takeovers: [String: Task<Adoption, Never>] = [:]

    init(configuration: ServerConfiguration, outlet: any Outlet, providers: CommentaryProviders, voices: [Voice], metrics: ServerMetrics,
         logger: Logger, cluster: ClusterServices? = nil) {
        self.cluster = cluster
        self.metrics = metrics
        self.logger = logger
        self.configuration = configuration
        self.outlet = outlet
        self.providers = providers
        self.voices = voices
    }

    func create(options: SessionOptions, upload: UploadDeclaration) async throws -> SessionSupervisor {
        var options = options
        options.firstIntervalSeconds = options.grid(defaultFirst: configuration.firstIntervalSeconds).first
        let id = Secrets.sessionID(node: cluster?.node)
        let meta = SessionMeta(id: id, mediaKey: Secrets.mediaKey(), tokenHash: "", options: options, uploadName: upload.name,
                               uploadSize: upload.size, uploadSHA256: upload.sha256,
                               uploadSeekable: upload.seekable && upload.size != nil, created: Date())
        var share: SessionShare?
        if let cluster { share = try await Offload.run { () throws(ClusterError) in try Self.share(meta, on: cluster) } }
        let store = SessionStore(dataDirectory: configuration.dataDirectory, id: id, share: share)
        try store.create()
        try store.save(meta)
        return add(meta: meta, store: store, events: [])
    }

    /// A new session in the cluster: its lease (the first epoch), its meta, and its place
    /// among the unfinished sessions.
    private static func share(_ meta: SessionMeta, on services: ClusterServices) throws(ClusterError) -> SessionShare {
        guard case .taken(let lease) = try services.leases.claim(meta.id, node: services.node) else {
            throw ClusterError(.rejected, "session \(meta.id) is already held")
        }
        let share = SessionShare(services: services, lease: lease)
        try share.save(meta)
        try services.catalog.setOpen(meta.id, true)
        return share
    }

    func add(meta: SessionMeta, store: SessionStore, events: [SequencedEvent]) -> SessionSupervisor {
        let supervisor = SessionSupervisor(meta: meta, store: store, configuration: configuration, outlet: outlet,
                                           providers: providers, voices: voices, registry: self, metrics: metrics, logger: logger, events: events)
        sessions[meta.id] = supervisor
        media.add(key: meta.mediaKey, folder: store.output)
        return supervisor
    }

    func find(_ id: String) -> SessionSupervisor? { sessions[id] }

    var count: Int { sessions.count }

    /// Sessions held here that have not ended (a cluster server's load).
    var unfinished: Int { sessions.keys.count { ended[$0] == nil } }

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
        await freeSlot(of: supervisor)
        ended[supervisor.id] = ended[supervisor.id] ?? .now
    }

    private func freeSlot(of supervisor: SessionSupervisor) async {
        waiting.removeAll { $0.id == supervisor.id }
        if running.remove(supervisor.id) != nil, !waiting.isEmpty {
            start(waiting.removeFirst())
            for (position, next) in waiting.enumerated() { await next.queued(position: position + 1) }
        }
    }

    /// A cluster session another server owns now: its slot frees and this server's working
    /// copy goes; nothing the cluster keeps is touched.
    func forget(_ supervisor: SessionSupervisor) async {
        guard sessions[supervisor.id] === supervisor else { return }
        await freeSlot(of: supervisor)
        ended[supervisor.id] = nil
        sessions[supervisor.id] = nil
        media.remove(key: supervisor.mediaKey)
        supervisor.store.delete()
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
        if let share = supervisor.store.share { deleteShared(share, mediaKey: supervisor.mediaKey) }
    }

    /// Stops every session's work for shutdown; their state is on disk (in cluster mode, in
    /// the cluster, their leases given back so other servers take them at once).
    func shutdown() async {
        for session in sessions.values { await session.shutdown() }
        let leases = sessions.values.compactMap { $0.store.share?.lease }
        if let cluster, !leases.isEmpty {
            await Offload.run { for lease in leases { try? cluster.leases.release(lease) } }
        }
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
