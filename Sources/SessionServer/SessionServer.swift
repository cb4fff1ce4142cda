import Cluster
public import Commentary
public import Foundation
public import Logging
import SessionModel

/// `playbyplay serve`: the session protocol over WebSocket and the media over HTTP, on one
/// port and one libwebsockets loop.
public final class SessionServer: @unchecked Sendable {
    public let configuration: ServerConfiguration
    let registry: SessionRegistry
    let helloRules: HelloRules
    private(set) var transport: LWSServer?
    private let origins: OriginPolicy
    /// Cluster mode: this server's load and client sockets as the other servers see them.
    let presence: ClusterPresence?
    private let lock = NSLock()
    private var handlers: [ConnectionID: ConnectionHandler] = [:]
    private var peers: [ConnectionID: String] = [:]
    private var budgets: [String: UploadBudget] = [:]
    /// Cluster mode: each client's sockets over every server, as Redis last said.
    private var totals: [String: Int] = [:]
    /// `stop` waiting for every socket to finish its close.
    private var drainWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter: UInt64 = 0
    private let logger: Logger
    let metrics = ServerMetrics()
    /// The body of `GET /v1/options`.
    private let optionsJSON: String

    /// `logger`: the server's lines; each session's carry its `session.id`. No token, key or
    /// media key is ever logged.
    public init(configuration: ServerConfiguration, providers: CommentaryProviders = .local,
                logger: Logger = Logger(label: "playbyplay.server")) async throws {
        self.configuration = configuration
        self.logger = logger
        let voices = await providers.synthesizer.voices()
        let catalog = SportCatalog.shipped
        let languages = catalog.offeredLanguages(writer: providers.writer, voices: voices)
        var defaults: [String: String] = [:]
        for language in languages {
            defaults[language] = await providers.synthesizer.defaultVoice(language: language)
        }
        // Checking a default voice starts loading its model (a neural voice's 2 s) now, not
        // when the first session's first line needs it.
        for voice in Set(defaults.values) { try? await providers.synthesizer.checkVoice(voice) }
        helloRules = HelloRules(voices: Set(voices.map(\.id)), languages: Set(languages), sports: catalog.acceptedNames,
                                defaultVoices: defaults)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let options = ServerOptions(voices: voices, languages: languages, sports: catalog.sports)
        optionsJSON = String(decoding: (try? encoder.encode(options)) ?? Data(), as: UTF8.self)
        origins = OriginPolicy(allowed: configuration.allowedOrigins)
        try FileManager.default.createDirectory(at: configuration.dataDirectory.appendingPathComponent("sessions"),
                                                withIntermediateDirectories: true)
        let relay = OutletRelay()
        let cluster = configuration.cluster.map { ClusterServices($0, dataDirectory: configuration.dataDirectory) }
        if let cluster { try await Offload.run { () throws(ClusterError) in try cluster.check() } }
        let presence = configuration.cluster.map(ClusterPresence.init)
        if let presence { try await Offload.run { () throws(ClusterError) in try presence.arrive(sessions: 0) } }
        self.presence = presence
        registry = SessionRegistry(configuration: configuration, outlet: relay, providers: providers, voices: voices, metrics: metrics,
                                   logger: logger, cluster: cluster)
        let transport = try LWSServer(host: configuration.host, port: configuration.port,
                                      maxBinaryMessage: UploadFrame.maxSize(chunkMax: configuration.chunkMax), delegate: self)
        relay.target = transport
        self.transport = transport
        // In a cluster a session left here belongs to whichever server takes it; the sweeper
        // takes the ones nobody holds.
        if cluster == nil { await registry.restore() }
    }

    /// The port it listens on (the real one when configured with 0).
    public var port: Int { transport?.port ?? 0 }

    public func start() { transport?.start() }

    /// Closes every socket with 1001 and stops the loop. Sessions are on disk and continue
    /// when a server starts on the same data folder.
    public func stop() async {
        let open = lock.withLock { Array(handlers.keys) }
        for id in open { transport?.close(id, code: CloseCode.goingAway.rawValue, reason: "server shutting down") }
        await registry.shutdown()
        // The loop runs until the clients answered the 1001 (their sockets closed), or 2 s.
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.untilNoConnections() }
            group.addTask { try? await Task.sleep(for: .seconds(2)) }
            await group.next()
            group.cancelAll()
        }
        transport?.stop()
    }

    private func untilNoConnections() async {
        let id = lock.withLock { () -> UInt64 in
            nextWaiter += 1
            return nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let now = lock.withLock { () -> Bool in
                    if handlers.isEmpty || Task.isCancelled { return true }
                    drainWaiters[id] = waiter
                    return false
                }
                if now { waiter.resume() }
            }
        } onCancel: {
            lock.withLock { drainWaiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// A `hello` on a socket that has none yet: starts or resumes a session.
    func open(_ hello: Hello, on connection: ConnectionID) async -> SessionSupervisor? {
        if let token = configuration.token {
            guard let given = hello.token, constantTimeEqual(Secrets.hash(given), Secrets.hash(token)) else {
                transport?.close(connection, code: CloseCode.badToken.rawValue, reason: "bad token")
                return nil
            }
        }
        switch hello.mode {
        case .start(let upload, let options):
            if let size = upload.size, size > configuration.maxUploadBytes {
                transport?.close(connection, code: CloseCode.uploadTooLarge.rawValue, reason: "upload larger than the server's limit")
                return nil
            }
            do {
                let session = try await registry.create(options: options, upload: upload)
                presence?.added()
                await session.attach(connection, lastSeq: 0)
                await session.startProcessing()
                logger.info("session started", metadata: ["session.id": "\(session.id)"])
                return session
            } catch {
                transport?.close(connection, code: 1011, reason: "cannot create the session")
                return nil
            }
        case .resume(let id, let token, let lastSeq):
            let session: SessionSupervisor
            switch await registry.adopt(id, waitForOwner: true) {
            case .adopted(let found): session = found
            case .unknown:
                transport?.close(connection, code: CloseCode.unknownSession.rawValue, reason: "unknown session")
                return nil
            case .unavailable(let problem):
                logger.warning("session cannot be resumed here now", metadata: ["session.id": "\(id)", "error.message": "\(problem)"])
                transport?.close(connection, code: CloseCode.unavailable.rawValue, reason: "the session cannot be reached now; resume again")
                return nil
            }
            if let violation = await session.resume(connection, token: token, lastSeq: lastSeq) {
                transport?.close(connection, code: violation.code.rawValue, reason: violation.reason)
                return nil
            }
            return session
        }
    }
}

extension SessionServer: TransportDelegate {
    func upgrade(_ request: UpgradeRequest) -> UpgradeVerdict {
        guard origins.allows(origin: request.origin, host: request.host) else {
            return .refuse(status: 403, reason: "Forbidden", body: "forbidden: this origin may not open a session")
        }
        // Only a load balancer hears this: it passes the new session on to the next server.
        if let presence, configuration.trustedProxies.contains(request.peer), request.query["session"] == nil,
           request.query["placement"] != "any", presence.prefersAnother {
            return .refuse(status: 503, reason: "Service Unavailable", body: "busy: another server holds fewer sessions")
        }
        return .accept
    }

    /// The client's address: the peer's, or the one a trusted proxy forwarded (the last
    /// X-Forwarded-For entry, the one the proxy added).
    func clientAddress(_ request: UpgradeRequest) -> String {
        guard configuration.trustedProxies.contains(request.peer),
              let forwarded = request.forwardedFor?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              !forwarded.isEmpty else { return request.peer }
        return forwarded
    }

    func opened(_ connection: ConnectionID, request: UpgradeRequest) {
        let peer = clientAddress(request)
        let (handler, tooMany) = lock.withLock { () -> (ConnectionHandler, Bool) in
            if budgets[peer] == nil, let rate = configuration.maxUploadBytesPerSecond {
                budgets[peer] = UploadBudget(bytesPerSecond: rate)
            }
            let handler = ConnectionHandler(id: connection, budget: budgets[peer])
            handlers[connection] = handler
            peers[connection] = peer
            return (handler, peers.values.filter { $0 == peer }.count > configuration.maxConnectionsPerClient)
        }
        if tooMany {
            transport?.close(connection, code: CloseCode.tooMany.rawValue, reason: "too many connections from this client")
        } else if let presence {
            let limit = configuration.maxConnectionsPerClient
            presence.connected(connection, peer) { [weak self] total in
                guard let total, let self else { return }
                if total > limit {
                    transport?.close(connection, code: CloseCode.tooMany.rawValue, reason: "too many connections from this client")
                }
                shareBudget(of: peer, total: total)
            }
        }
        Task { await handler.run(server: self) }
    }

    /// Cluster mode: the client's upload rate is shared by the servers holding its sockets.
    private func shareBudget(of peer: String, total: Int) {
        lock.withLock { shareBudgetLocked(of: peer, total: total) }
    }

    private func shareBudgetLocked(of peer: String, total: Int) {
        let local = peers.values.count { $0 == peer }
        guard local > 0 else {
            totals[peer] = nil
            return
        }
        totals[peer] = max(local, total)
        budgets[peer]?.share(local: local, of: max(local, total))
    }

    func received(_ connection: ConnectionID, message: [UInt8], binary: Bool) {
        guard let handler = lock.withLock({ handlers[connection] }) else { return }
        if handler.deliver(message, binary: binary, window: Int(configuration.window)) {
            transport?.pauseReading(connection, true)
        }
    }

    func closed(_ connection: ConnectionID) {
        let handler = lock.withLock { () -> ConnectionHandler? in
            if let peer = peers.removeValue(forKey: connection) {
                if !peers.values.contains(peer) { budgets[peer] = nil }
                presence?.disconnected(connection, peer)
                // One socket fewer over all servers too (the others' closes are seen at the next open).
                if let total = totals[peer] { shareBudgetLocked(of: peer, total: total - 1) }
            }
            return handlers.removeValue(forKey: connection)
        }
        handler?.finish()
        let drained = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            guard handlers.isEmpty else { return [] }
            defer { drainWaiters.removeAll() }
            return Array(drainWaiters.values)
        }
        for waiter in drained { waiter.resume() }
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        if path == "/healthz" {
            let loop = transport?.stats.longest ?? (callbackMs: 0, callbackCPUMs: 0, wakeMs: 0)
            let stall = String(format: #""loop":{"max_callback_ms":%.3f,"max_callback_cpu_ms":%.3f,"max_wake_ms":%.3f}"#,
                               loop.callbackMs, loop.callbackCPUMs, loop.wakeMs)
            return .text(200, #"{"ok":true,"sessions":\#(registry.media.count),"version":"\#(configuration.version)",\#(stall)}"#,
                         type: "application/json")
        }
        if path == "/metrics" {
            guard let text = configuration.metricsText else { return .text(404, "metrics are off\n") }
            metrics.loopStall(milliseconds: transport?.stats.longest.callbackMs ?? 0)
            return HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: .bytes(text()))
        }
        if path == "/v1/options" { return .text(200, optionsJSON, type: "application/json") }
        if path.hasPrefix("/media/") {
            guard let route = MediaRoute.parse(path) else { return .text(404, "not found\n") }
            guard let folder = registry.media.folder(for: route.key) else {
                // In a cluster another server's session: its outputs from the store.
                guard let cache = registry.cluster?.mediaCache else { return .text(404, "not found\n") }
                return .later { StoreMedia.response(from: cache, route: route, range: request.range) }
            }
            return MediaFiles.response(folder.appendingPathComponent(route.name), type: MediaRoute.contentType(for: route.name) ?? "application/octet-stream",
                                       range: request.range)
        }
        if let client = configuration.clientDirectory, let response = MediaFiles.clientFile(path, in: client) { return response }
        return .text(404, "not found\n")
    }
}

/// The sessions' outlet, pointed at the transport once it exists.
final class OutletRelay: Outlet, @unchecked Sendable {
    weak var target: LWSServer?

    func send(_ connection: ConnectionID, _ bytes: [UInt8], binary: Bool) { target?.send(connection, bytes, binary: binary) }
    func close(_ connection: ConnectionID, code: UInt16, reason: String) { target?.close(connection, code: code, reason: reason) }
    func pauseReading(_ connection: ConnectionID, _ paused: Bool) { target?.pauseReading(connection, paused) }
}
