import Cluster
import Foundation
import Hashing
import TestSupport

/// What cluster tests share: a real Redis, a real S3 server (moto) with one bucket, and
/// `playbyplay serve --cluster` processes on them.
struct ClusterFixture {
    let redis: RedisProcess
    let moto: MotoProcess
    let storeURL: String
    let objects: S3Store

    init(bucket: String) throws {
        redis = try RedisProcess()
        moto = try MotoProcess()
        storeURL = "s3://\(bucket)?endpoint=\(moto.endpoint)"
        objects = S3Store(try StoreAddress.parse(storeURL, environment: MotoProcess.credentials).get())
        try objects.createBucket()
    }

    /// A server named `node` (its data folder named after it, so a restart finds it again).
    func server(_ binary: URL, node: String, port: Int = 0, arguments: [String] = []) async throws -> ServeProcess {
        try await ServeProcess.start(binary, data: TestFiles.scratch("cluster-\(node)"), port: port,
                                     arguments: ["--cluster", redis.url, "--store", storeURL, "--node", node] + arguments,
                                     environment: MotoProcess.credentials)
    }

    /// The session's upload as the store keeps it, its parts put together.
    func storedUpload(of session: String, size: Int) throws -> [UInt8] {
        var stored = [UInt8](repeating: 0, count: size)
        for part in try objects.list("sessions/\(session)/upload/") {
            guard let offset = part.key.split(separator: "/").last.flatMap({ Int($0) }), let bytes = try objects.get(part.key),
                  offset + bytes.count <= size else { throw Tools.Failure(description: "stray upload part \(part.key)") }
            stored.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        }
        return stored
    }
}
