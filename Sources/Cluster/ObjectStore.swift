public import Foundation

/// Bytes by key, written whole and read whole or by range: an S3-compatible bucket
/// (`S3Store`). Blocking; callers keep it off Swift's cooperative pool.
public protocol ObjectStore: Sendable {
    func put(_ key: String, _ bytes: [UInt8], contentType: String) throws(ClusterError)
    func put(_ key: String, file: URL, contentType: String) throws(ClusterError)
    /// The object's bytes, or the range of them; nil when there is no such object.
    func get(_ key: String, range: Range<Int64>?) throws(ClusterError) -> [UInt8]?
    /// The object's size; nil when there is no such object.
    func size(of key: String) throws(ClusterError) -> Int64?
    /// Every key under `prefix` with its size, in key order.
    func list(_ prefix: String) throws(ClusterError) -> [(key: String, size: Int64)]
    func delete(_ key: String) throws(ClusterError)
}

extension ObjectStore {
    public func get(_ key: String) throws(ClusterError) -> [UInt8]? { try get(key, range: nil) }

    /// Deletes every object under `prefix`.
    public func deleteAll(under prefix: String) throws(ClusterError) {
        for object in try list(prefix) { try delete(object.key) }
    }
}
