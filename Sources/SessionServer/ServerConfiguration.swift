public import Foundation
public import Pipeline

/// `playbyplay serve`'s settings.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory: URL
    public var maxSessions = 3
    public var retention: Duration = .seconds(3600)
    public var token: String?
    public var allowedOrigins: Set<String> = []
    public var maxUploadBytes: Int64 = 4 << 30
    /// The longest and largest video a session takes.
    public var mediaLimits = MediaLimits()
    /// The first interval's length when a session names none (`first_interval_s`): a short
    /// first chunk, so playback starts within seconds; nil: as long as the others.
    public var firstIntervalSeconds: Double? = 4
    /// How live sessions pace their chunks and how much their playlist lists.
    public var live = LiveSettings()
    public var chunkMax = 262_144
    public var window: Int64 = 8 << 20
    public var helloTimeout: Duration = .seconds(5)
    /// A session with an incomplete upload and no socket for this long is cancelled.
    public var expiresIn = 600
    /// Connections one client address may hold at once.
    public var maxConnectionsPerClient = 16
    /// Upload bytes per second one client address may send over all its sockets (nil: no cap).
    /// Over it, its sockets are read more slowly; nothing is refused.
    public var maxUploadBytesPerSecond: Int?
    /// Proxies (peer addresses) whose X-Forwarded-For names the client, and that hear a 503
    /// when another cluster server should take a new session.
    public var trustedProxies: Set<String> = []
    /// Where the browser client lives (served at /), if anywhere.
    public var clientDirectory: URL?
    public var version = Self.productVersion
    /// `GET /metrics`: the metrics in Prometheus text format, from the backend the executable
    /// bootstrapped (nil: the endpoint answers 404).
    public var metricsText: (@Sendable () -> [UInt8])?
    /// Cluster mode (`--cluster`, `--store`): sessions shared with other servers through Redis
    /// and an object store; nil: embedded, everything in the data folder.
    public var cluster: ClusterSettings?
    /// playbyplay's version (`--version`, `/healthz`).
    public static let productVersion = "0.1.0"

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }
}
