import Cluster
import Foundation
import SessionModel

/// One session's part of the cluster: the lease this server holds on it and where its
/// durable state goes. Meta and upload record go to Redis (fenced by the lease, like the
/// events); upload bytes go to the object store as parts named by their offset, each stored
/// before an acknowledgement covers it. Blocking: callers go through `Offload`.
struct SessionShare: Sendable {
    let services: ClusterServices
    let lease: SessionLease

    var session: String { lease.session }
    var journal: RedisEventJournal { RedisEventJournal(journal: services.journal, lease: lease) }

    func save(_ meta: SessionMeta) throws(ClusterError) {
        try services.catalog.save(.meta, Self.encode(meta), under: lease)
    }

    func save(_ record: UploadRecord) throws(ClusterError) {
        try services.catalog.save(.upload, Self.encode(record), under: lease)
    }

    func storePart(_ bytes: [UInt8], at offset: Int64) throws(ClusterError) {
        try services.objects.put(Self.partKey(session, offset), bytes, contentType: "application/octet-stream")
    }

    static func partsPrefix(_ session: String) -> String { ClusterServices.prefix(of: session) + "upload/" }

    /// Offsets are zero-padded so the store lists parts in order.
    static func partKey(_ session: String, _ offset: Int64) -> String {
        partsPrefix(session) + String(repeating: "0", count: max(0, 16 - String(offset).count)) + String(offset)
    }

    static func offset(ofPart key: String) -> Int64? { key.split(separator: "/").last.flatMap { Int64($0) } }

    static func encode(_ value: some Encodable) throws(ClusterError) -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(value))
        } catch {
            throw ClusterError(.rejected, "cannot encode \(type(of: value)): \(error)")
        }
    }
}
