/// The servers of a cluster as Redis sees them. Each reports, about every second, that it is
/// alive and how many sessions it holds (so a new session goes to the least-loaded one), and
/// counts its sockets per client address (so a client's connection limit holds over all
/// servers). A server that stops reporting drops out when its keys expire. Blocking.
public struct NodeDirectory: Sendable {
    let redis: RedisConnection
    /// How long a report counts: a few report intervals.
    let ttl: Duration

    public init(_ redis: RedisConnection, ttl: Duration) {
        self.redis = redis
        self.ttl = ttl
    }

    /// `node` is alive and holds `sessions` unfinished sessions; its socket counts live on.
    public func report(_ node: String, sessions: Int) throws(ClusterError) {
        let reply = try redis.eval(Self.reportScript, keys: [Self.load(node), Self.clients(node), Self.nodes],
                                   arguments: [Array(node.utf8), Array(String(sessions).utf8), Array(String(ttl.milliseconds).utf8)])
        if case .error(let text) = reply { throw ClusterError(.rejected, "Redis refused the node report: \(text)") }
    }

    /// The sessions each live server holds, by node.
    public func loads() throws(ClusterError) -> [String: Int] {
        let flat = try redis.eval(Self.loadsScript, keys: [Self.nodes], arguments: []).array("node loads").compactMap(\.string)
        var loads: [String: Int] = [:]
        for pair in stride(from: 0, to: flat.count - 1, by: 2) { loads[flat[pair]] = Int(flat[pair + 1]) }
        return loads
    }

    /// A socket from `client` opened on `node`: the client's sockets on every live server, this one included.
    public func connected(_ client: String, on node: String) throws(ClusterError) -> Int {
        let reply = try redis.eval(Self.connectedScript, keys: [Self.clients(node), Self.nodes],
                                   arguments: [Array(client.utf8), Array(String(ttl.milliseconds).utf8)])
        guard let total = reply.integer else { throw ClusterError(.rejected, "Redis refused the connection count: \(reply)") }
        return Int(total)
    }

    /// A socket from `client` on `node` closed.
    public func disconnected(_ client: String, on node: String) throws(ClusterError) {
        _ = try redis.eval(Self.disconnectedScript, keys: [Self.clients(node)], arguments: [Array(client.utf8)])
    }

    /// Forgets `node`'s socket counts: a restarted server holds no sockets yet.
    public func reset(_ node: String) throws(ClusterError) {
        _ = try redis.command("DEL", Self.clients(node))
    }

    static let nodes = "pbp:nodes"
    static func load(_ node: String) -> String { "pbp:node:\(node):sessions" }
    static func clients(_ node: String) -> String { "pbp:node:\(node):clients" }

    static let reportScript = """
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        redis.call('SADD', KEYS[3], ARGV[1])
        return 1
        """

    /// Node names and loads, flattened; nodes whose report expired leave the set.
    static let loadsScript = """
        local out = {}
        for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          local load = redis.call('GET', 'pbp:node:' .. node .. ':sessions')
          if load then
            table.insert(out, node)
            table.insert(out, load)
          else
            redis.call('SREM', KEYS[1], node)
          end
        end
        return out
        """

    static let connectedScript = """
        redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        local total = 0
        for _, node in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          local counts = 'pbp:node:' .. node .. ':clients'
          if counts ~= KEYS[1] and redis.call('EXISTS', 'pbp:node:' .. node .. ':sessions') == 1 then
            total = total + tonumber(redis.call('HGET', counts, ARGV[1]) or '0')
          end
        end
        return total + tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
        """

    static let disconnectedScript = """
        if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
        return 1
        """
}
