/// A session's event journal in a Redis stream. Every append is one Lua script, atomic in
/// Redis: it checks that the caller's lease is the current one (the fencing epoch), that the
/// event's seq is the next one, and appends. So a server that lost its lease cannot write,
/// and no seq is written twice or skipped, whichever servers try.
public struct RedisJournal: Sendable {
    let redis: RedisConnection

    public init(_ redis: RedisConnection) {
        self.redis = redis
    }

    /// Appends event `seq` (the next one) under `lease`; `fenced` when the lease is no longer
    /// current, `rejected` when `seq` is not the next.
    public func append(_ payload: [UInt8], seq: Int64, under lease: SessionLease) throws(ClusterError) {
        let keys = SessionKeys(lease.session)
        let reply = try redis.eval(Self.appendScript, keys: [keys.owner, keys.seq, keys.events],
                                   arguments: [Array(lease.holder.utf8), Array(String(seq).utf8), payload])
        switch reply {
        case .integer: return
        case .error(let text) where text.hasPrefix("FENCED"):
            throw ClusterError(.fenced, "session \(lease.session): epoch \(lease.epoch) is no longer this server's (\(text))")
        case .error(let text):
            throw ClusterError(.rejected, "session \(lease.session): event \(seq) refused: \(text)")
        default:
            throw ClusterError(.rejected, "session \(lease.session): unexpected append reply \(reply)")
        }
    }

    /// Every event of the session, in seq order.
    public func load(_ session: String) throws(ClusterError) -> [(seq: Int64, payload: [UInt8])] {
        let reply = try redis.command("XRANGE", SessionKeys(session).events, "-", "+")
        return try reply.array("journal read").compactMap { entry in
            let parts = entry.elements
            guard parts.count == 2, let id = parts[0].string, let seq = Int64(id.split(separator: "-")[0]),
                  case .bulk(let payload) = parts[1].elements.last else { return nil }
            return (seq, payload)
        }
    }

    /// The last seq written (0 before the first event).
    public func lastSeq(_ session: String) throws(ClusterError) -> Int64 {
        let reply = try redis.command("GET", SessionKeys(session).seq)
        return reply.string.flatMap { Int64($0) } ?? 0
    }

    static let appendScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          return redis.error_reply('FENCED the lease is ' .. tostring(redis.call('GET', KEYS[1])))
        end
        local last = tonumber(redis.call('GET', KEYS[2]) or '0')
        if tonumber(ARGV[2]) ~= last + 1 then
          return redis.error_reply('SEQ the next seq is ' .. (last + 1))
        end
        redis.call('SET', KEYS[2], ARGV[2])
        redis.call('XADD', KEYS[3], ARGV[2] .. '-0', 'e', ARGV[3])
        return last + 1
        """
}
