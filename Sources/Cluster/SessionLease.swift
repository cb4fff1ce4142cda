/// One server's claim on one session: a Redis key holding "NODE EPOCH" that expires unless
/// renewed (about every second). Taking a free session increments its epoch, so a server
/// whose lease lapsed, even if it wakes up believing it still owns the session, holds an old
/// epoch that every journal append refuses (`RedisJournal`).
public struct SessionLease: Sendable, Equatable {
    public let session: String
    public let node: String
    public let epoch: Int64

    /// What the owner key holds while this lease is current.
    var holder: String { "\(node) \(epoch)" }
}

/// Takes, renews and gives back leases. Blocking (Redis round trips).
public struct LeaseKeeper: Sendable {
    public enum Claim: Sendable, Equatable {
        case taken(SessionLease)
        /// Another server holds the session ("NODE EPOCH").
        case held(by: String, epoch: Int64)
    }

    let redis: RedisConnection
    public let ttl: Duration

    public init(_ redis: RedisConnection, ttl: Duration = .seconds(3)) {
        self.redis = redis
        self.ttl = ttl
    }

    private var ttlMilliseconds: String { String(ttl.milliseconds) }

    /// Takes the session at its next epoch when no live lease holds it.
    public func claim(_ session: String, node: String) throws(ClusterError) -> Claim {
        let keys = SessionKeys(session)
        let reply = try redis.eval(Self.claimScript, keys: [keys.owner, keys.epoch], arguments: [Array(node.utf8), Array(ttlMilliseconds.utf8)])
        let parts = try reply.array("claim")
        guard parts.count == 2, let epoch = parts[0].integer, let owner = parts[1].string else {
            throw ClusterError(.rejected, "Redis: unexpected claim reply \(reply)")
        }
        if epoch > 0 { return .taken(SessionLease(session: session, node: node, epoch: epoch)) }
        let held = owner.split(separator: " ")
        return .held(by: held.first.map(String.init) ?? owner, epoch: held.last.flatMap { Int64($0) } ?? 0)
    }

    /// Extends the lease; false when it is gone (expired, or taken at a later epoch).
    public func renew(_ lease: SessionLease) throws(ClusterError) -> Bool {
        try redis.eval(Self.renewScript, keys: [SessionKeys(lease.session).owner],
                       arguments: [Array(lease.holder.utf8), Array(ttlMilliseconds.utf8)]).integer == 1
    }

    /// Gives the session up at once (a handover, a shutdown), so the next server need not wait
    /// for the lease to expire.
    public func release(_ lease: SessionLease) throws(ClusterError) {
        _ = try redis.eval(Self.releaseScript, keys: [SessionKeys(lease.session).owner], arguments: [Array(lease.holder.utf8)])
    }

    static let claimScript = """
        local owner = redis.call('GET', KEYS[1])
        if owner then return {0, owner} end
        local epoch = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. epoch, 'PX', ARGV[2])
        return {epoch, ARGV[1]}
        """

    static let renewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """

    static let releaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
        return 1
        """
}
