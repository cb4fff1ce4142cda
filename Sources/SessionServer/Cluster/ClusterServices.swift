import Cluster
import Foundation

/// The Redis and object-store clients one server uses in cluster mode. Leases are renewed on
/// a connection of their own, so a slow append never delays a renewal. Blocking: callers go
/// through `Offload`.
final class ClusterServices: Sendable {
    let settings: ClusterSettings
    let leases: LeaseKeeper
    let journal: RedisJournal
    let catalog: SessionCatalog
    let objects: any ObjectStore
    /// Other servers' sessions' media, copied from the store to be served from disk.
    let mediaCache: StoreMediaCache

    init(_ settings: ClusterSettings, dataDirectory: URL) {
        self.settings = settings
        leases = LeaseKeeper(RedisConnection(settings.redis), ttl: settings.leaseTTL)
        let data = RedisConnection(settings.redis)
        journal = RedisJournal(data)
        catalog = SessionCatalog(data)
        objects = S3Store(settings.store)
        mediaCache = StoreMediaCache(folder: dataDirectory.appendingPathComponent("store-cache"), objects: objects)
    }

    var node: String { settings.node }

    /// Throws, naming the service, unless Redis answers and the bucket can be listed.
    func check() throws(ClusterError) {
        _ = try catalog.openSessions()
        _ = try objects.list("sessions/-")
    }

    /// Every object of a session lives under this prefix.
    static func prefix(of session: String) -> String { "sessions/\(session)/" }
}
