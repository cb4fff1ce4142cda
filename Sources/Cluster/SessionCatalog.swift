/// What any server needs to pick a session up: its meta and upload record (opaque JSON
/// here), which sessions are unfinished, and handover requests. Writes are fenced like
/// journal appends: a server that lost the lease cannot change what the next owner reads.
/// Blocking (Redis round trips).
public struct SessionCatalog: Sendable {
    public enum Document: Sendable {
        case meta
        case upload

        func key(_ keys: SessionKeys) -> String { self == .meta ? keys.meta : keys.upload }
    }

    let redis: RedisConnection

    public init(_ redis: RedisConnection) {
        self.redis = redis
    }

    /// Writes the document under `lease`; `fenced` when the lease is no longer current.
    public func save(_ document: Document, _ json: [UInt8], under lease: SessionLease) throws(ClusterError) {
        let keys = SessionKeys(lease.session)
        let reply = try redis.eval(Self.fencedSetScript, keys: [keys.owner, document.key(keys)], arguments: [Array(lease.holder.utf8), json])
        if case .error(let text) = reply {
            throw ClusterError(text.hasPrefix("FENCED") ? .fenced : .rejected, "session \(lease.session): \(text)")
        }
    }

    /// The document, or nil when the session has none (an unknown session has no meta).
    public func load(_ document: Document, of session: String) throws(ClusterError) -> [UInt8]? {
        guard case .bulk(let bytes) = try redis.command("GET", document.key(SessionKeys(session))) else { return nil }
        return bytes
    }

    /// Marks the session unfinished (on creation) or finished.
    public func setOpen(_ session: String, _ open: Bool) throws(ClusterError) {
        _ = try redis.command(open ? "SADD" : "SREM", SessionKeys.open, session)
    }

    /// The unfinished sessions.
    public func openSessions() throws(ClusterError) -> [String] {
        try redis.command("SMEMBERS", SessionKeys.open).array("open sessions").compactMap(\.string)
    }

    /// Asks the session's owner to hand it over to `node` (seen at the owner's next renewal).
    public func requestHandover(_ session: String, to node: String, for ttl: Duration) throws(ClusterError) {
        _ = try redis.command("SET", SessionKeys(session).handover, node, "PX", String(max(1, ttl.milliseconds)))
    }

    /// The server that asked for the session, if one did; the request is cleared.
    public func takeHandoverRequest(_ session: String) throws(ClusterError) -> String? {
        try redis.command("GETDEL", SessionKeys(session).handover).string
    }

    /// Removes everything Redis holds about the session (retention).
    public func delete(_ session: String, mediaKey: String) throws(ClusterError) {
        _ = try redis.command((["DEL"] + SessionKeys(session).all).map { Array($0.utf8) })
        _ = try redis.command("ZREM", SessionKeys.finished, "\(session) \(mediaKey)")
        try setOpen(session, false)
    }

    /// The session reached its terminal event: no longer open, and due for deletion after
    /// `retention` (Redis's clock) by whichever server sweeps then, so a session whose server
    /// died is deleted too.
    public func finished(_ session: String, mediaKey: String, retention: Duration) throws(ClusterError) {
        let reply = try redis.eval(Self.finishedScript, keys: [SessionKeys.open, SessionKeys.finished],
                                   arguments: [Array(session.utf8), Array("\(session) \(mediaKey)".utf8), Array(String(retention.milliseconds).utf8)])
        if case .error(let text) = reply { throw ClusterError(.rejected, "Redis refused to mark \(session) finished: \(text)") }
    }

    /// Finished sessions whose retention has passed, at most `limit`, each claimed by one
    /// caller for `hold` (put back that far in the list, so a deletion that fails is tried
    /// again then; `delete` takes it off for good).
    public func claimDue(limit: Int = claimBatch, hold: Duration = .seconds(300)) throws(ClusterError) -> [(session: String, mediaKey: String)] {
        let due = try redis.eval(Self.claimDueScript, keys: [SessionKeys.finished],
                                 arguments: [Array(String(limit).utf8), Array(String(hold.milliseconds).utf8)]).array("due sessions")
        return due.compactMap(\.string).compactMap { member in
            let parts = member.split(separator: " ").map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    /// How many finished sessions `claimDue` takes at most by default.
    public static let claimBatch = 50

    private static let now = "local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"

    static let finishedScript = now + """
        redis.call('SREM', KEYS[1], ARGV[1])
        redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[2])
        return 1
        """

    static let claimDueScript = now + """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
        for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), member) end
        return due
        """

    static let fencedSetScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          return redis.error_reply('FENCED the lease is ' .. tostring(redis.call('GET', KEYS[1])))
        end
        redis.call('SET', KEYS[2], ARGV[2])
        return 1
        """
}
