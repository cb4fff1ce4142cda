import Cluster
import Foundation

/// This server among the others (cluster mode). It reports how many sessions it holds and
/// reads the others' loads, so that a new session is turned away (503, the load balancer
/// tries the next server) while another server holds fewer; and it counts its client sockets
/// in Redis, so a client's connection limit holds over all servers.
final class ClusterPresence: @unchecked Sendable {
    let node: String
    private let directory: NodeDirectory
    private let lock = NSLock()
    // Guarded by `lock`.
    private var own = 0
    private var others: [String: Int] = [:]
    /// Sockets Redis counted (only those are taken off again).
    private var counted: Set<UInt64> = []
    /// Socket counts go to Redis in the order the sockets opened and closed.
    private let counts = DispatchQueue(label: "playbyplay.client-counts")

    init(_ settings: ClusterSettings) {
        node = settings.node
        directory = NodeDirectory(RedisConnection(settings.redis), ttl: settings.leaseTTL)
    }

    /// A server starting under a name forgets what a dead one of that name counted. Blocking.
    func arrive(sessions: Int) throws(ClusterError) {
        try directory.reset(node)
        try report(sessions: sessions)
    }

    /// Says this server holds `sessions` and reads the others' loads. Blocking.
    func report(sessions: Int) throws(ClusterError) {
        try directory.report(node, sessions: sessions)
        let loads = try directory.loads().filter { $0.key != node }
        lock.withLock {
            own = sessions
            others = loads
        }
    }

    /// A session was made here: counted at once, before the next report.
    func added() { lock.withLock { own += 1 } }

    /// Whether a new session belongs on another server: one holds fewer than this one.
    var prefersAnother: Bool {
        lock.withLock { others.values.min().map { $0 < own } ?? false }
    }

    /// Counts a socket from `client`; `then` gets the client's sockets over all servers (nil:
    /// Redis could not say, and the local limit alone holds).
    func connected(_ connection: UInt64, _ client: String, then: @escaping @Sendable (Int?) -> Void) {
        counts.async { [self] in
            let total = try? directory.connected(client, on: node)
            if total != nil { lock.withLock { _ = counted.insert(connection) } }
            then(total)
        }
    }

    /// A socket closed: taken off the count if it was counted (queued after its `connected`).
    func disconnected(_ connection: UInt64, _ client: String) {
        counts.async { [self] in
            guard lock.withLock({ counted.remove(connection) }) != nil else { return }
            try? directory.disconnected(client, on: node)
        }
    }
}
