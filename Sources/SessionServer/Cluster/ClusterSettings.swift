public import Cluster
import Foundation

/// `serve --cluster redis://… --store s3://…`: the services that let several servers share
/// sessions, and this server's name among them.
public struct ClusterSettings: Sendable {
    public var redis: RedisAddress
    public var store: StoreAddress
    /// This server's name in leases: lower-case letters, digits and dashes.
    public var node: String
    /// How long a lease lives without renewal; it is renewed every third of it.
    public var leaseTTL: Duration = .seconds(3)
    /// How often unfinished sessions that no server holds are looked for.
    public var orphanSweep: Duration = .seconds(5)

    public init(redis: RedisAddress, store: StoreAddress, node: String) {
        self.redis = redis
        self.store = store
        self.node = node
    }

    /// A name no other server is likely to have (8 random letters and digits).
    public static func randomNode() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "n" + String((0..<8).map { _ in alphabet.randomElement()! })
    }

    /// Nil, or why `node` cannot name a server.
    public static func problem(withNode node: String) -> String? {
        let allowed = node.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        return !node.isEmpty && node.count <= 40 && allowed ? nil : "--node: '\(node)' must be 1-40 lower-case letters, digits or dashes"
    }
}
