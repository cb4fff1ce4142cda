import Foundation
import Testing
import TestSupport
@testable import SessionServer

/// A refused Origin gets a whole HTTP/1.1 403 with a body, then the connection closes: the
/// answer common WebSocket clients (Python's `websockets`) can read as a rejection.
@Suite(.timeLimit(.minutes(10))) struct RefusedOriginTests {
    @Test func aRefusedOriginIsAnHTTP11ForbiddenWithABody() async throws {
        try await ServerHarness.with { server in
            let response = try await offPool { [port = server.port] in try Self.upgrade(port: port, origin: "https://evil.example") }
            let head = response.components(separatedBy: "\r\n\r\n").first ?? ""
            #expect(head.hasPrefix("HTTP/1.1 403 "), "\(head)")
            #expect(head.lowercased().contains("connection: close"))
            let body = response.components(separatedBy: "\r\n\r\n").dropFirst().joined()
            #expect(body.contains("forbidden"))
            let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
            #expect(length == body.utf8.count)
        }
    }

    /// The raw upgrade request and everything the server sends until it closes.
    static func upgrade(port: Int, origin: String) throws -> String {
        let socket = try LoopbackSocket.connect(port: port, receiveTimeout: 10)
        defer { close(socket) }
        let request = "GET /v1/session HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: \(origin)\r\n\r\n"
        _ = Array(request.utf8).withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer.prefix(count)
        }
        return String(decoding: received, as: UTF8.self)
    }
}
