import Foundation
import Hashing
import Testing
import SessionModel
import TestSupport

/// `playbyplay serve` as its own process, killed with SIGKILL mid-session and started again on
/// the same data folder: the client resumes and nothing is lost or repeated.
@Suite(.timeLimit(.minutes(10)), .serialized) struct KilledServerTests {
    @Test func aKilledServerLosesNothing() async throws {
        guard let binary = ServeProcess.binary else { return }
        let clip = try ServerHarness.clip.get()
        let data = TestFiles.scratch("killed")
        var server = try await ServeProcess.start(binary, data: data)
        let client = try SessionClient(port: server.port, file: clip)
        try await client.start()
        try await client.upload(upTo: client.file.count / 2)
        await client.read { $0["type"] as? String == "upload_ack" }
        server.kill()

        server = try await ServeProcess.start(binary, data: data)
        client.port = server.port
        try await client.resume()
        try await client.upload()
        await client.read { $0["type"] as? String == "chunk_ready" }
        server.kill()

        server = try await ServeProcess.start(binary, data: data)
        defer { server.stop() }
        client.port = server.port
        client.closeCode = nil
        try await client.resume()
        await client.read()
        #expect(client.types.last == "complete")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count))
        let chunks = client.events.filter { $0["type"] as? String == "chunk_ready" }.compactMap { $0["index"] as? Int }
        // Every chunk the complete event counts, each once (the short first interval makes 3).
        let count = client.events.last { $0["type"] as? String == "complete" }?["chunks"] as? Int ?? 0
        #expect(count >= 2)
        #expect(chunks.sorted() == Array(0..<count))
        let stored = try Data(contentsOf: data.appendingPathComponent("sessions").appendingPathComponent(client.session)
            .appendingPathComponent("upload.bin"))
        #expect(SHA256.hex([UInt8](stored)) == SHA256.hex(client.file))
    }
}
