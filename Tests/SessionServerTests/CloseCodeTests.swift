import Foundation
import Testing
import SessionModel
import TestSupport
@testable import SessionServer

/// Each close code of PROTOCOL.md, provoked on purpose.
@Suite(.timeLimit(.minutes(10)), .serialized) struct CloseCodeTests {
    private func closed(after messages: [String], port: Int) async throws -> UInt16? {
        try await offPool {
            let socket = try WebSocketClient(port: port)
            for message in messages { try socket.send(text: message) }
            return socket.closeCode()
        }
    }

    private let start = #"{"type":"hello","mode":"start","upload":{"size":1000}}"#

    @Test func malformedAndOutOfOrderMessagesClose4400() async throws {
        try await ServerHarness.with { server in
            #expect(try await closed(after: ["nonsense"], port: server.port) == 4400)
            #expect(try await closed(after: [#"{"type":"command","id":"c","name":"cancel"}"#], port: server.port) == 4400)
            #expect(try await closed(after: [start, start], port: server.port) == 4400)
            #expect(try await closed(after: [#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"output":"all"}}"#], port: server.port) == 4400)
            let code = try await offPool {
                let binary = try WebSocketClient(port: server.port)
                try binary.sendUpload(offset: 0, [1, 2, 3])
                return binary.closeCode()
            }
            #expect(code == 4400)
        }
    }

    @Test func oversizedFramesClose1009() async throws {
        try await ServerHarness.with { server in
            #expect(try await closed(after: [#"{"type":"ping","x":""# + String(repeating: "a", count: 70_000) + #""}"#], port: server.port) == 1009)
            let code = try await offPool { [start] in
                let socket = try WebSocketClient(port: server.port)
                try socket.send(text: start)
                _ = try socket.receiveJSON()
                try socket.sendUpload(offset: 0, [UInt8](repeating: 0, count: 65_537)[...])
                return socket.closeCode()
            }
            #expect(code == 1009)
        }
    }

    @Test func uploadLimitsClose4413AndWrongOffsetsAreNacked() async throws {
        var configuration = ServerHarness.configuration()
        configuration.maxUploadBytes = 5000
        try await ServerHarness.with(configuration) { server in
            #expect(try await closed(after: [#"{"type":"hello","mode":"start","upload":{"size":6000}}"#], port: server.port) == 4413)
            let (nackType, expected, code) = try await offPool { [start] in
                let socket = try WebSocketClient(port: server.port)
                try socket.send(text: start)
                _ = try socket.receiveJSON()
                try socket.sendUpload(offset: 10, [1, 2, 3])
                var nack = try socket.receiveJSON()
                while nack["seq"] != nil { nack = try socket.receiveJSON() }
                // Bytes that start like an MP4 (anything else is refused as no video on its first frame).
                try socket.sendUpload(offset: 0, ([0, 0, 0, 24] + Array("ftyp".utf8) + [UInt8](repeating: 1, count: 991))[...])
                try socket.sendUpload(offset: 999, [1, 2])
                return (nack["type"] as? String, nack["expected"] as? Int, socket.closeCode())
            }
            #expect(nackType == "upload_nack" && expected == 0)
            #expect(code == 4413)
        }
    }

    @Test func noHelloInTimeCloses4408() async throws {
        var configuration = ServerHarness.configuration()
        configuration.helloTimeout = .milliseconds(300)
        try await ServerHarness.with(configuration) { server throws in
            #expect(try await closed(after: [], port: server.port) == 4408)
        }
    }

    @Test func tokensSessionsAndSequenceNumbersAreChecked() async throws {
        var configuration = ServerHarness.configuration()
        configuration.token = "secret"
        try await ServerHarness.with(configuration) { server in
            #expect(try await closed(after: [start], port: server.port) == 4401)
            #expect(try await closed(after: [#"{"type":"hello","mode":"start","token":"guess","upload":{"size":10}}"#], port: server.port) == 4401)
            let socket = try await offPool { try WebSocketClient(port: server.port) }
            let (session, token) = try await offPool {
                try socket.send(text: #"{"type":"hello","mode":"start","token":"secret","upload":{"size":10}}"#)
                let welcome = try socket.receiveJSON()
                return (welcome["session"] as? String ?? "", welcome["resume_token"] as? String ?? "")
            }
            func resume(_ session: String, _ token: String, _ seq: Int) -> String {
                #"{"type":"hello","mode":"resume","token":"secret","session":"\#(session)","resume_token":"\#(token)","last_seq":\#(seq)}"#
            }
            #expect(try await closed(after: [resume("s_unknown", token, 0)], port: server.port) == 4404)
            #expect(try await closed(after: [resume(session, "wrong", 0)], port: server.port) == 4401)
            #expect(try await closed(after: [resume(session, token, 99)], port: server.port) == 4400)
            // A refused resume leaves the attached socket alone; a good one supersedes it.
            let again = resume(session, token, 0)
            let newer = try await offPool {
                let newer = try WebSocketClient(port: server.port)
                try newer.send(text: again)
                return try newer.receiveJSON()["type"] as? String
            }
            #expect(newer == "welcome")
            #expect(try await offPool { socket.closeCode() } == 4409)
            // The token rotated: the old one no longer works.
            #expect(try await closed(after: [resume(session, token, 0)], port: server.port) == 4401)
        }
    }

    @Test func aForeignOriginIsRefusedWith403() async throws {
        try await ServerHarness.with { server in
            let port = server.port
            try await offPool {
                do {
                    _ = try WebSocketClient(port: port, origin: "http://127.0.0.1.evil.example")
                    Issue.record("the upgrade was accepted")
                } catch let failure as WebSocketClient.Failure {
                    #expect(failure.status == 403)
                }
                _ = try WebSocketClient(port: port, origin: "http://localhost:5173")
                _ = try WebSocketClient(port: port, origin: "http://127.0.0.1:\(port)")
                _ = try WebSocketClient(port: port, subprotocol: nil)
            }
        }
    }
}
