/// Which browser origins may open a session socket (PROTOCOL.md "Endpoints"): the request's
/// own origin, http://localhost and http://127.0.0.1 on any port, and the configured ones;
/// exact comparison. A request without Origin (not a browser) is not refused for it.
struct OriginPolicy: Sendable {
    var allowed: Set<String>

    func allows(origin: String?, host: String?) -> Bool {
        guard let origin else { return true }
        if allowed.contains(origin) { return true }
        for local in ["http://localhost", "http://127.0.0.1"] {
            if origin == local { return true }
            if origin.hasPrefix(local + ":"), let port = Int(origin.dropFirst(local.count + 1)), (1...65_535).contains(port) { return true }
        }
        guard let host, !host.isEmpty else { return false }
        for scheme in ["http", "https"] {
            if origin == "\(scheme)://\(host)" { return true }
            let defaultPort = scheme == "http" ? ":80" : ":443"
            if host.hasSuffix(defaultPort), origin == "\(scheme)://\(host.dropLast(defaultPort.count))" { return true }
            if !host.contains(":"), origin == "\(scheme)://\(host)\(defaultPort)" { return true }
        }
        return false
    }
}
