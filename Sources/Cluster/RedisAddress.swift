/// Where Redis is: `redis://[:PASSWORD@]HOST:PORT[/DB]`. The password stays out of
/// `description` (the address is logged; the password never is).
public struct RedisAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var password: String?
    public var database: Int

    /// Nil with the reason when `url` is not a redis:// URL with a host and a port.
    public static func parse(_ url: String) -> Result<RedisAddress, ClusterError> {
        guard url.hasPrefix("redis://") else { return .failure(ClusterError(.rejected, "--cluster: \(url.split(separator: "@").last ?? "") is not a redis://HOST:PORT URL")) }
        var rest = Substring(url.dropFirst("redis://".count))
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            password = String(credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).last ?? "")
            rest = rest[rest.index(after: at)...]
        }
        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            guard let number = Int(rest[rest.index(after: slash)...]) ?? (rest.index(after: slash) == rest.endIndex ? 0 : nil) else {
                return .failure(ClusterError(.rejected, "--cluster: the database after / must be a number"))
            }
            database = number
            rest = rest[..<slash]
        }
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port),
              colon > rest.startIndex else {
            return .failure(ClusterError(.rejected, "--cluster: redis://HOST:PORT needs a host and a port (1-65535)"))
        }
        return .success(RedisAddress(host: String(rest[..<colon]), port: port, password: password?.isEmpty == false ? password : nil,
                                     database: database))
    }

    public var description: String { "redis://\(host):\(port)/\(database)" }
}
