public import Foundation
import SessionModel

/// A small RFC 6455 client over a plain TCP socket to a loopback server, for tests and
/// benchmarks against the real server: it can send any frame (oversized, binary before hello)
/// and cut the connection at any byte. One thread may receive while another sends: whole
/// frames are written under a lock.
public final class WebSocketClient: @unchecked Sendable {
    public enum Frame: Equatable, Sendable {
        case text(String)
        case binary([UInt8])
        case close(code: UInt16, reason: String)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// The HTTP status when the upgrade was refused.
        public var status: Int?
        /// A read waited longer than the socket's receive timeout.
        public var timedOut = false
    }

    private var socket: Int32
    private var buffer: [UInt8] = []
    private let sending = NSLock()
    /// The masking key of every frame sent. A benchmark's load generator may use zeros, which
    /// RFC 6455 allows on the wire, so that masking costs it nothing (the server unmasks as ever).
    public var mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]

    public init(port: Int, path: String = "/v1/session", origin: String? = nil, subprotocol: String? = "playbyplay.v1",
                receiveTimeout: Int = 30) throws {
        socket = try LoopbackSocket.connect(port: port, receiveTimeout: receiveTimeout)
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let origin { request += "Origin: \(origin)\r\n" }
        if let subprotocol { request += "Sec-WebSocket-Protocol: \(subprotocol)\r\n" }
        request += "\r\n"
        try writeAll(Array(request.utf8))
        let head = try readHead()
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        guard status == 101 else { Foundation.close(socket); throw Failure(description: "upgrade refused: \(head.prefix(60))", status: status) }
    }

    deinit { Foundation.close(socket) }

    public func send(text: String) throws { try send(opcode: 1, Array(text.utf8)) }
    public func send(binary: [UInt8]) throws { try send(opcode: 2, binary) }

    /// An upload frame (`UploadFrame`): the bytes at `offset`.
    public func sendUpload(offset: Int, _ bytes: ArraySlice<UInt8>) throws {
        try send(binary: UploadFrame.make(offset: UInt64(offset), payload: bytes))
    }

    /// Cuts the connection without a close frame (a lost network).
    public func cut() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    public func send(opcode: UInt8, _ payload: [UInt8]) throws {
        var frame: [UInt8] = [0x80 | opcode]
        frame.reserveCapacity(payload.count + 14)
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            frame.append(0x80 | 127)
            frame += (0..<8).map { UInt8(truncatingIfNeeded: UInt64(payload.count) >> (56 - 8 * UInt64($0))) }
        }
        frame += mask
        if mask == [0, 0, 0, 0] {
            frame += payload
        } else {
            for (i, byte) in payload.enumerated() { frame.append(byte ^ mask[i & 3]) }
        }
        try sending.withLock { try writeAll(frame) }
    }

    /// The next data or close frame (pings are answered, pongs skipped).
    public func receive() throws -> Frame {
        var message: [UInt8] = []
        var messageOpcode: UInt8 = 0
        while true {
            let head = try read(2)
            let fin = head[0] & 0x80 != 0, opcode = head[0] & 0x0F
            var length = Int(head[1] & 0x7F)
            if length == 126 { length = try read(2).reduce(0) { $0 << 8 | Int($1) } }
            if length == 127 { length = try read(8).reduce(0) { $0 << 8 | Int($1) } }
            let payload = try read(length)
            switch opcode {
            case 8:
                let code = payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : 1005
                return .close(code: code, reason: String(decoding: payload.dropFirst(2), as: UTF8.self))
            case 9: try send(opcode: 10, payload)
            case 10: continue
            default:
                if opcode != 0 { messageOpcode = opcode }
                message += payload
                if fin { return messageOpcode == 2 ? .binary(message) : .text(String(decoding: message, as: UTF8.self)) }
            }
        }
    }

    /// The next text message as a JSON object.
    public func receiveJSON() throws -> [String: Any] {
        switch try receive() {
        case .text(let text):
            return (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        case .close(let code, let reason):
            throw Failure(description: "closed \(code) \(reason)")
        case .binary:
            throw Failure(description: "unexpected binary")
        }
    }

    /// Keeps an idle socket alive, answering the server's pings, until `stop` says so (checked
    /// every second) or the server closes it; the close code, if it did.
    public func idle(until stop: () -> Bool) -> UInt16? {
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while true {
            do {
                if case .close(let code, _) = try receive() { return code }
            } catch let failure as Failure where failure.timedOut {
                if stop() { return nil }
            } catch {
                return nil
            }
        }
    }

    /// Reads until the close frame, returning its code (nil when the socket just ends).
    public func closeCode() -> UInt16? {
        while true {
            guard let frame = try? receive() else { return nil }
            if case .close(let code, _) = frame { return code }
        }
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure(description: "send failed") }
            offset += written
        }
    }

    private func read(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let got = recv(socket, &chunk, chunk.count, 0)
            guard got > 0 else {
                let timedOut = got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
                throw Failure(description: timedOut ? "timed out" : "connection ended", timedOut: timedOut)
            }
            buffer += chunk[0..<got]
        }
        let out = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return out
    }

    private func readHead() throws -> String {
        while true {
            if let end = buffer.firstRange(of: [13, 10, 13, 10]) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                buffer.removeSubrange(..<end.upperBound)
                return head
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let got = recv(socket, &chunk, chunk.count, 0)
            guard got > 0 else { throw Failure(description: "no upgrade response") }
            buffer += chunk[0..<got]
        }
    }
}
