import Foundation
import Hashing
import Testing
import SessionModel
import TestSupport
@testable import SessionServer

@Suite(.timeLimit(.minutes(10)), .serialized) struct SessionLifecycleTests {
    static let longClip: Result<URL, any Error> = Result {
        try TestFiles.generate("server60.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100",
            "-t", "60", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
            "-movflags", "+faststart",
        ])
    }

    @Test func aReprioritisedIntervalComesAheadAndCancelStopsTheRest() async throws {
        let clip = try Self.longClip.get()
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start(options: #"{"interval_s":5}"#)
            // Before media_info too: the interval is floor(at / interval_s).
            try await client.send(#"{"type":"command","id":"p","name":"reprioritise_interval","args":{"at":50}}"#)
            try await client.send(#"{"type":"command","id":"v","name":"change_voice","args":{"voice":"en-us+f2"}}"#)
            try await client.upload()
            await client.read { $0["type"] as? String == "chunk_ready" && $0["index"] as? Int == 10 }
            let delivered = client.events.filter { $0["type"] as? String == "chunk_ready" }.compactMap { $0["index"] as? Int }
            // Work already in flight (the first chunks) is not interrupted; the rest waits.
            #expect(delivered.last == 10 && delivered.dropLast().allSatisfy { $0 <= 1 }, "chunks in order \(delivered)")
            let result = client.events.first { $0["type"] as? String == "command_result" }
            #expect((result?["result"] as? [String: Any])?["interval"] as? Int == 10)
            // The new voice applies from the lowest interval not yet voiced (the pipeline's
            // tests show the lines that follow use it).
            let voiceResult = try #require(client.events.first { $0["id"] as? String == "v" })
            #expect((voiceResult["result"] as? [String: Any])?["voice"] as? String == "en-us+f2")
            #expect(((voiceResult["result"] as? [String: Any])?["from_interval"] as? Int).map { $0 >= 0 && $0 <= 12 } == true)

            try await client.send(#"{"type":"command","id":"x","name":"cancel"}"#)
            await client.read()
            // The cancel stops the work instead of waiting for it: not all of the 12 intervals
            // are made (a check of behaviour, not of a machine's speed).
            #expect(client.types.last == "cancelled")
            #expect(client.events.filter { $0["type"] as? String == "chunk_ready" }.count < 12)
            #expect(client.closeCode == 1000)
            let cancelled = client.events.last?["chunks"] as? Int ?? -1
            #expect(cancelled == client.events.filter { $0["type"] as? String == "chunk_ready" }.count)
        }
    }

    /// The first chunk is delivered while most of the upload is still to come.
    @Test func processingStartsWhileTheUploadArrives() async throws {
        let clip = try Self.longClip.get()
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start(options: #"{"interval_s":10}"#)
            try await client.upload(upTo: client.file.count * 6 / 10)
            await client.read { $0["type"] as? String == "chunk_ready" }
            #expect(client.events.last?["type"] as? String == "chunk_ready" && client.events.last?["index"] as? Int == 0)
            #expect(!client.types.contains("complete"))
            try await client.upload()
            await client.read()
            #expect(client.types.last == "complete")
            #expect(client.events.filter { $0["type"] as? String == "chunk_ready" }.count == 6)
        }
    }

    @Test func sessionsBeyondTheLimitWaitInLineAndAllComplete() async throws {
        let clip = try ServerHarness.clip.get()
        var configuration = ServerHarness.configuration()
        configuration.maxSessions = 3
        try await ServerHarness.with(configuration) { server in
            let clients = try (0..<8).map { _ in try SessionClient(port: server.port, file: clip) }
            for client in clients { try await client.start() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in clients { group.addTask { try await client.upload() } }
                try await group.waitForAll()
            }
            await withTaskGroup(of: Void.self) { group in
                for client in clients { group.addTask { await client.read() } }
            }
            for client in clients { #expect(client.types.last == "complete") }
            let positions = clients.flatMap { $0.events.compactMap { $0["queue_position"] as? Int } }
            #expect(!positions.isEmpty && positions.allSatisfy { $0 >= 1 && $0 <= 5 })
        }
    }

    /// The server stops during the upload and again during processing; each time a new server
    /// on the same data folder takes the session up and the client resumes it.
    @Test func aRestartedServerContinuesTheSession() async throws {
        let clip = try Self.longClip.get()
        let configuration = ServerHarness.configuration()
        let client = try await ServerHarness.with(configuration) { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start(options: #"{"interval_s":10}"#)
            try await client.upload(upTo: client.file.count / 2)
            await client.read { $0["type"] as? String == "upload_ack" && ($0["offset"] as? Int ?? 0) >= client.file.count / 2 - (1 << 20) }
            return client
        }
        await client.read()
        #expect(client.closeCode == 1001)
        try await ServerHarness.with(configuration) { server in
            client.port = server.port
            try await client.resume()
            #expect(client.acked >= client.file.count / 2 - (1 << 20))
            try await client.upload()
            client.closeCode = nil
            await client.read { $0["type"] as? String == "chunk_ready" }
            // A voice changed while the pipeline runs is the session's voice after a restart too.
            try await client.send(#"{"type":"command","id":"v","name":"change_voice","args":{"voice":"en-us+f2"}}"#)
            await client.read { $0["type"] as? String == "command_result" && $0["id"] as? String == "v" }
        }
        await client.read()
        #expect(client.closeCode == 1001)
        try await ServerHarness.with(configuration) { server in
            client.port = server.port
            client.closeCode = nil
            try await client.resume()
            await client.read()
        }
        #expect(client.closeCode == 1000)
        #expect(client.types.last == "complete")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count))
        let changed = try #require(client.events.firstIndex { $0["type"] as? String == "command_result" && $0["id"] as? String == "v" })
        #expect((client.events[changed]["ok"] as? Bool) == true)
        let from = try #require((client.events[changed]["result"] as? [String: Any])?["from_interval"] as? Int)
        let later = client.events.filter { $0["type"] as? String == "commentary_ready" && ($0["interval"] as? Int ?? 0) >= from }
        #expect(!later.isEmpty)
        #expect(later.allSatisfy { $0["voice"] as? String == "en-us+f2" }, "lines after the change, made by the restarted server, keep the new voice")
        let chunks = client.events.filter { $0["type"] as? String == "chunk_ready" }.compactMap { $0["index"] as? Int }
        #expect(chunks.sorted() == [0, 1, 2, 3, 4, 5])
        let stored = try Data(contentsOf: configuration.dataDirectory.appendingPathComponent("sessions")
            .appendingPathComponent(client.session).appendingPathComponent("upload.bin"))
        #expect(SHA256.hex([UInt8](stored)) == SHA256.hex(client.file))
    }

    @Test func oneClientMayHoldOnlySoManySockets() async throws {
        var configuration = ServerHarness.configuration()
        configuration.maxConnectionsPerClient = 3
        try await ServerHarness.with(configuration) { server in
            let sockets = try (0..<3).map { _ in try WebSocketClient(port: server.port) }
            let extra = try WebSocketClient(port: server.port)
            #expect(try await offPool { extra.closeCode() } == 4429)
            _ = sockets
        }
    }
}
