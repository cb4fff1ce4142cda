import Foundation
import SessionModel
import TestSupport

/// One entry of Corpus/malformed.json: frames a client sends (on a fresh socket, or after a
/// `hello` that started a session of 1000 bytes) and what PROTOCOL.md says must follow.
struct ProtocolCase: Decodable, Sendable, CustomStringConvertible {
    enum Setup: String, Decodable, Sendable { case none, started }

    /// A WebSocket frame as the corpus spells it.
    enum Frame: Decodable, Sendable {
        case text([UInt8])
        case binary([UInt8])

        private enum Keys: String, CodingKey { case text, hex, hexText = "hex_text", upload, padPing = "pad_ping", nest }
        private struct Upload: Decodable { var offset: String; var count: Int }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if let text = try container.decodeIfPresent(String.self, forKey: .text) {
                self = .text(Array(text.utf8))
            } else if let hex = try container.decodeIfPresent(String.self, forKey: .hex) {
                self = .binary(try Self.bytes(hex: hex))
            } else if let hex = try container.decodeIfPresent(String.self, forKey: .hexText) {
                self = .text(try Self.bytes(hex: hex))
            } else if let upload = try container.decodeIfPresent(Upload.self, forKey: .upload) {
                guard let offset = UInt64(upload.offset) else { throw Self.failure("bad offset \(upload.offset)") }
                self = .binary(UploadFrame.make(offset: offset, payload: [UInt8](repeating: 0x5A, count: upload.count)))
            } else if let size = try container.decodeIfPresent(Int.self, forKey: .padPing) {
                let empty = #"{"type":"ping","pad":""}"#
                self = .text(Array((#"{"type":"ping","pad":""# + String(repeating: "a", count: size - empty.utf8.count) + #""}"#).utf8))
            } else if let depth = try container.decodeIfPresent(Int.self, forKey: .nest) {
                self = .text(Array((#"{"type":"ping","x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}").utf8))
            } else {
                throw Self.failure("a frame needs text, hex, hex_text, upload, pad_ping or nest")
            }
        }

        private static func bytes(hex: String) throws -> [UInt8] {
            let digits = Array(hex.utf8)
            guard digits.count % 2 == 0 else { throw failure("odd hex \(hex)") }
            return try stride(from: 0, to: digits.count, by: 2).map { index in
                guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { throw failure("bad hex \(hex)") }
                return byte
            }
        }

        private static func failure(_ text: String) -> any Error { CorpusError(description: text) }

        /// The text frames' bytes (the fuzzer's seeds are these).
        var textBytes: [UInt8]? { if case .text(let bytes) = self { bytes } else { nil } }
    }

    struct CorpusError: Error, CustomStringConvertible {
        var description: String
    }

    struct Expectation: Decodable, Sendable {
        /// The socket closes with this code.
        var close: UInt16?
        /// Or: a message of this type comes, with these fields, and the socket stays open.
        var reply: String?
        var fields: [String: JSONValue]?
        /// A `command_result`'s `error.code`.
        var error: String?
    }

    var name: String
    var setup: Setup
    var frames: [Frame]
    var expect: Expectation

    var description: String { name }

    static let startHello = #"{"type":"hello","mode":"start","upload":{"name":"m.mp4","size":1000}}"#

    /// Every case of the corpus file.
    static func corpus() throws -> [ProtocolCase] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus/malformed.json")
        return try JSONDecoder().decode([ProtocolCase].self, from: Data(contentsOf: url))
    }

    /// What the server did.
    enum Outcome: Equatable, CustomStringConvertible {
        /// The socket closed with this code (nil: it ended without a close frame).
        case closed(UInt16?)
        /// This message came, and afterwards a `ping` was still answered.
        case replied(JSONValue, stillOpen: Bool)

        var description: String {
            switch self {
            case .closed(let code): "closed \(code.map(String.init) ?? "without a code")"
            case .replied(let message, let open): "replied \(message) \(open ? "and stayed open" : "and then closed")"
            }
        }
    }

    /// Plays the case against a server on `port`. Blocking: call it through `offPool`.
    func play(port: Int) throws -> Outcome {
        let socket = try WebSocketClient(port: port)
        if setup == .started {
            try socket.send(text: Self.startHello)
            _ = try socket.receiveJSON()
        }
        // Once the server has closed, later sends may fail: what counts is the answer.
        for frame in frames {
            switch frame {
            case .text(let bytes): try? socket.send(opcode: 1, bytes)
            case .binary(let bytes): try? socket.send(binary: bytes)
            }
        }
        guard let reply = expect.reply else { return .closed(socket.closeCode()) }
        while true {
            switch try? socket.receive() {
            case .text(let text)?:
                let message = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
                guard message["type"]?.string == reply else { continue }
                return .replied(message, stillOpen: Self.answersPing(socket))
            case .close(let code, _)?: return .closed(code)
            case .binary?: continue
            case nil: return .closed(nil)
            }
        }
    }

    /// Whether the expected reply is this message.
    func matches(_ message: JSONValue) -> Bool {
        for (key, value) in expect.fields ?? [:] where message[key] != value { return false }
        if let error = expect.error, message["error"]?["code"]?.string != error { return false }
        return true
    }

    private static func answersPing(_ socket: WebSocketClient) -> Bool {
        guard (try? socket.send(text: #"{"type":"ping"}"#)) != nil else { return false }
        while case .text(let text)? = try? socket.receive() {
            if text.contains(#""type":"pong""#) { return true }
        }
        return false
    }
}
