public import Foundation

/// Where the object store is: `s3://BUCKET[/PREFIX]?endpoint=URL[&region=REGION]`, with the
/// credentials from the usual AWS environment variables (AWS_ACCESS_KEY_ID,
/// AWS_SECRET_ACCESS_KEY, AWS_REGION or AWS_DEFAULT_REGION). Without `endpoint`, AWS S3 in the
/// region. `description` names the bucket and endpoint, never a credential.
public struct StoreAddress: Sendable, Equatable, CustomStringConvertible {
    public var bucket: String
    /// Prepended to every key ("" or "a/b/").
    public var prefix: String
    /// Scheme, host and port; the bucket goes in the path (path-style, as MinIO and Ceph need).
    public var endpoint: String
    public var region: String
    public var accessKey: String
    public var secretKey: String

    public static func parse(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<StoreAddress, ClusterError> {
        guard url.hasPrefix("s3://"), let components = URLComponents(string: url), let bucket = components.host, !bucket.isEmpty else {
            return .failure(ClusterError(.rejected, "--store: \(url.split(separator: "?").first ?? "") is not an s3://BUCKET URL"))
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        if let unknown = query.keys.first(where: { !["endpoint", "region"].contains($0) }) {
            return .failure(ClusterError(.rejected, "--store: unknown parameter '\(unknown)' (endpoint and region are known)"))
        }
        let region = query["region"] ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
        var endpoint = query["endpoint"] ?? "https://s3.\(region).amazonaws.com"
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
            return .failure(ClusterError(.rejected, "--store: endpoint must be an http:// or https:// URL"))
        }
        guard let accessKey = environment["AWS_ACCESS_KEY_ID"], !accessKey.isEmpty,
              let secretKey = environment["AWS_SECRET_ACCESS_KEY"], !secretKey.isEmpty else {
            return .failure(ClusterError(.rejected, "--store: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the object store"))
        }
        var prefix = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !prefix.isEmpty { prefix += "/" }
        return .success(StoreAddress(bucket: bucket, prefix: prefix, endpoint: endpoint, region: region, accessKey: accessKey, secretKey: secretKey))
    }

    public var description: String { "s3://\(bucket)/\(prefix) at \(endpoint)" }
}
