import CHiredis
import Foundation

/// One blocking connection to Redis (hiredis), shared by callers in turn. A call that finds
/// the connection broken connects again once before it fails as `unavailable`, so the server
/// recovers by itself when Redis comes back. Blocking: call it from offloaded work.
public final class RedisConnection: @unchecked Sendable {
    public let address: RedisAddress
    private let timeout: Duration
    private let lock = NSLock()
    private var context: UnsafeMutablePointer<redisContext>?

    public init(_ address: RedisAddress, timeout: Duration = .seconds(2)) {
        self.address = address
        self.timeout = timeout
    }

    deinit {
        if let context { redisFree(context) }
    }

    /// Sends one command (binary-safe arguments) and returns its reply; a Redis error reply
    /// is a reply (`.error`), not a throw.
    public func command(_ arguments: [[UInt8]]) throws(ClusterError) -> RedisReply {
        lock.lock()
        defer { lock.unlock() }
        do throws(ClusterError) {
            return try send(arguments, on: connected())
        } catch where error.reason == .unavailable {
            drop()
            return try send(arguments, on: connected())
        }
    }

    public func command(_ arguments: String...) throws(ClusterError) -> RedisReply {
        try command(arguments.map { Array($0.utf8) })
    }

    /// Runs a Lua script atomically in Redis (EVAL) on `keys` with `arguments` (binary-safe).
    public func eval(_ script: String, keys: [String], arguments: [[UInt8]]) throws(ClusterError) -> RedisReply {
        try command([Array("EVAL".utf8), Array(script.utf8), Array(String(keys.count).utf8)] + keys.map { Array($0.utf8) } + arguments)
    }

    private func connected() throws(ClusterError) -> UnsafeMutablePointer<redisContext> {
        if let context { return context }
        let seconds = timeout.components.seconds
        let micro = timeout.components.attoseconds / 1_000_000_000_000
        let tv = timeval(tv_sec: Int(seconds), tv_usec: Int(micro))
        guard let made = redisConnectWithTimeout(address.host, Int32(address.port), tv) else {
            throw ClusterError(.unavailable, "Redis at \(address): cannot allocate a connection")
        }
        if made.pointee.err != 0 {
            let reason = errorText(made)
            redisFree(made)
            throw ClusterError(.unavailable, "Redis at \(address) cannot be reached: \(reason)")
        }
        _ = redisSetTimeout(made, tv)
        context = made
        if let password = address.password, case .error(let text) = try send([Array("AUTH".utf8), Array(password.utf8)], on: made) {
            drop()
            throw ClusterError(.rejected, "Redis at \(address) refused the password: \(text)")
        }
        if address.database != 0, case .error(let text) = try send([Array("SELECT".utf8), Array(String(address.database).utf8)], on: made) {
            drop()
            throw ClusterError(.rejected, "Redis at \(address): \(text)")
        }
        return made
    }

    private func send(_ arguments: [[UInt8]], on context: UnsafeMutablePointer<redisContext>) throws(ClusterError) -> RedisReply {
        // hiredis reads each argument from its pointer and length: one buffer holds them all.
        let joined: [UInt8] = arguments.flatMap { $0 } + [0]
        let lengths = arguments.map(\.count)
        let starts = lengths.reduce(into: [0]) { $0.append($0.last! + $1) }
        let reply = joined.withUnsafeBytes { buffer in
            var argv = lengths.indices.map { UnsafePointer<CChar>?((buffer.baseAddress! + starts[$0]).assumingMemoryBound(to: CChar.self)) }
            return argv.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { argvlen in
                    redisCommandArgv(context, Int32(arguments.count), argv.baseAddress, argvlen.baseAddress)
                }
            }
        }
        guard let reply else {
            throw ClusterError(.unavailable, "Redis at \(address): \(errorText(context))")
        }
        defer { freeReplyObject(reply) }
        return Self.copy(reply.assumingMemoryBound(to: redisReply.self))
    }

    private func drop() {
        if let context { redisFree(context) }
        context = nil
    }

    private func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    private static func copy(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let r = reply.pointee
        func bytes() -> [UInt8] {
            guard let str = r.str else { return [] }
            return Array(UnsafeRawBufferPointer(start: str, count: r.len))
        }
        switch r.type {
        case REDIS_REPLY_STRING: return .bulk(bytes())
        case REDIS_REPLY_STATUS: return .status(String(decoding: bytes(), as: UTF8.self))
        case REDIS_REPLY_ERROR: return .error(String(decoding: bytes(), as: UTF8.self))
        case REDIS_REPLY_INTEGER: return .integer(r.integer)
        case REDIS_REPLY_ARRAY:
            return .array((0..<r.elements).compactMap { r.element[$0].map(copy) })
        default: return .null
        }
    }
}
