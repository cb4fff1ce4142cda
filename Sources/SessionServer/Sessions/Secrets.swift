import Hashing
import SessionModel

/// Random identifiers and tokens (the system's CSPRNG), base64url without padding.
enum Secrets {
    static func random(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return base64url(bytes)
    }

    /// `s_` and 128 random bits; in cluster mode `s_NODE.RANDOM`, so that a load balancer can
    /// send a resume to the server that made the session (`.` is not in base64url).
    static func sessionID(node: String? = nil) -> String { "s_" + (node.map { $0 + "." } ?? "") + random(bytes: 16) }
    static func mediaKey() -> String { random(bytes: 16) }
    static func resumeToken() -> String { random(bytes: 32) }

    static func hash(_ token: String) -> [UInt8] { SHA256.hash(Array(token.utf8)) }

    static func base64url(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for byte in chunk { value = value << 8 | Int(byte) }
            value <<= 8 * (3 - chunk.count)
            for position in 0..<(chunk.count + 1) { out.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return out
    }
}
