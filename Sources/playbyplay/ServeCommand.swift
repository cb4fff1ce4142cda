import ArgumentParser
import Cluster
import Foundation
import Logging
import Metrics
import Pipeline
import Prometheus
import ServiceLifecycle
import SessionServer
import UnixSignals

/// Serves the session protocol and the media on one port until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Runs the WebSocket session server.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port).") var port = 8080
    @Option(help: "Folder for sessions, uploads and caches.") var dataDir = "playbyplay-data"
    @Option(help: "Sessions processing at once; the rest wait in line.") var maxSessions = 3
    @Option(help: "Seconds a finished session and its media are kept.") var retention = 3600
    @Option(help: "Access token every hello must carry (better: the PLAYBYPLAY_TOKEN environment variable, which other users cannot read in the process list).") var token: String?
    @Option(parsing: .upToNextOption, help: "Origins allowed besides the server's own and localhost.") var allowOrigin: [String] = []
    @Option(help: "Length of a session's first interval in seconds when its hello names none (0: as long as the others): a short first chunk starts playback early.") var firstInterval: Double = 4
    @Option(help: "Folder of the browser client served at / (default: client-js beside the working folder, if there).") var clientDir: String?
    @Option(help: "Cluster mode: Redis for leases, events and the session catalog, as redis://[:PASSWORD@]HOST:PORT[/DB]. Needs --store.") var cluster: String?
    @Option(help: "Cluster mode: the S3-compatible object store for uploads, as s3://BUCKET[/PREFIX]?endpoint=URL[&region=R]; credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.") var store: String?
    @Option(help: "Cluster mode: this server's name in leases (lower-case letters, digits, dashes; default: a random one).") var node: String?
    @Option(parsing: .upToNextOption, help: "Addresses of proxies in front (nginx): their X-Forwarded-For names the client for the per-client limits, and in cluster mode they hear 503 for a new session another server should take.") var trustedProxy: [String] = []
    @Option(help: "Sockets one client address may hold at once (over every server in cluster mode).") var maxConnectionsPerClient = 16
    @Option(help: "Upload bytes per second one client address may send over all its sockets (over every server in cluster mode); over it, its sockets are read more slowly.") var maxUploadBytesPerSecond: Int?
    @Option(help: "Live sessions: seconds of chunks the live HLS playlist lists (every chunk stays downloadable, and the whole recording is final.mp4 at the end).") var liveWindow: Double = 60
    @Option(help: "Live sessions: seconds from a chunk's last frame arriving to the chunk going out; commentary not ready by then is left out of it, so the stream never falls behind.") var liveDeadline: Double = 1.5
    @OptionGroup var cloud: ProviderOptions

    func validate() throws {
        if (cluster == nil) != (store == nil) { throw ValidationError("--cluster and --store go together: Redis coordinates, the store keeps the bytes") }
        if node != nil, cluster == nil { throw ValidationError("--node names a server in a cluster: give --cluster and --store too") }
        if let node, let problem = ClusterSettings.problem(withNode: node) { throw ValidationError(problem) }
        if let cluster, case .failure(let error) = RedisAddress.parse(cluster) { throw ValidationError(error.message) }
        if let store, case .failure(let error) = StoreAddress.parse(store) { throw ValidationError(error.message) }
        if let rate = maxUploadBytesPerSecond, rate < 1024 {
            throw ValidationError("--max-upload-bytes-per-second must be at least 1024, not \(rate)")
        }
        if !(liveWindow >= 6 && liveWindow <= 86_400) { throw ValidationError("--live-window must be between 6 and 86400 seconds, not \(liveWindow)") }
        if !(liveDeadline >= 0.1 && liveDeadline <= 30) { throw ValidationError("--live-deadline must be between 0.1 and 30 seconds, not \(liveDeadline)") }
        if maxConnectionsPerClient < 1 { throw ValidationError("--max-connections-per-client must be at least 1, not \(maxConnectionsPerClient)") }
        for proxy in trustedProxy where !Self.isAddress(proxy) {
            throw ValidationError("--trusted-proxy: '\(proxy)' is not an IPv4 or IPv6 address")
        }
    }

    func run() async throws {
        AllocatorSettings.apply()
        var configuration = ServerConfiguration(dataDirectory: URL(fileURLWithPath: dataDir))
        configuration.host = host
        configuration.port = port
        configuration.maxSessions = max(1, maxSessions)
        configuration.retention = .seconds(retention)
        configuration.token = token ?? ProcessInfo.processInfo.environment["PLAYBYPLAY_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.allowedOrigins = Set(allowOrigin)
        configuration.trustedProxies = Set(trustedProxy)
        configuration.maxConnectionsPerClient = maxConnectionsPerClient
        configuration.maxUploadBytesPerSecond = maxUploadBytesPerSecond
        configuration.firstIntervalSeconds = firstInterval > 0 ? firstInterval : nil
        configuration.live.window = liveWindow
        configuration.live.deadline = .milliseconds(Int((liveDeadline * 1000).rounded()))
        let client = URL(fileURLWithPath: clientDir ?? "client-js")
        if FileManager.default.fileExists(atPath: client.appendingPathComponent("index.html").path) { configuration.clientDirectory = client }
        if let cluster, let store, case .success(let redis) = RedisAddress.parse(cluster), case .success(let objects) = StoreAddress.parse(store) {
            configuration.cluster = ClusterSettings(redis: redis, store: objects, node: node ?? ClusterSettings.randomNode())
        }

        // One metrics backend for the process: Prometheus, read at GET /metrics.
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        configuration.metricsText = { metrics.emitToBuffer() }

        let server: SessionServer
        do {
            server = try await SessionServer(configuration: configuration, providers: cloud.make())
        } catch {
            FileHandle.standardError.write(Data("playbyplay: \(error)\n".utf8))
            throw ExitCode(2)
        }
        // One service group for the process: SIGTERM or SIGINT shuts the server down gracefully
        // (every socket closed with 1001, every session on disk to continue after a restart).
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: Logger(label: "playbyplay.services")))
        if let settings = configuration.cluster {
            Console.line("cluster node \(settings.node): Redis \(settings.redis), store \(settings.store)")
        }
        Console.line("listening on http://\(host):\(server.port)")
        do {
            try await group.run()
        } catch {
            FileHandle.standardError.write(Data("playbyplay: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private static func isAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
