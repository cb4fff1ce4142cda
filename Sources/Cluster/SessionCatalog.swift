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
    public func delete(_ session: String) throws(ClusterError) {
        _ = try redis.command((["DEL"] + SessionKeys(session).all).map { Array($0.utf8) })
        try setOpen(session, false)
    }

    static let fencedSetScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then
          return redis.error_reply('FENCED the lease is ' .. tostring(redis.call('GET', KEYS[1])))
        end
        redis.call('SET', KEYS[2], ARGV[2])
        return 1
        """
}
