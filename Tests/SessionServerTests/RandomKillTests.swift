import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import SessionModel
import TestSupport

/// `serve` killed with SIGKILL at random moments of upload and processing, restarted on the
/// same data folder, the client resuming each time: the upload is byte-identical, every event
/// arrives exactly once, and every chunk plays. 4 kills; 100 with PLAYBYPLAY_SOAK=1.
@Suite(.timeLimit(.minutes(10)), .serialized) struct RandomKillTests {
    private let killsPerSession = 4

    @Test func aServerKilledAtRandomMomentsLosesNothing() async throws {
        guard let binary = ServeProcess.binary else { return }
        let clip = try ServerHarness.clip.get()
        let sessions = Soak.enabled ? Soak.number("PLAYBYPLAY_SOAK_KILLS", otherwise: 100) / killsPerSession : 1
        var kills = 0
        for round in 0..<sessions {
            kills += try await killRepeatedly(binary, clip: clip, round: round)
        }
        Soak.report("\(kills) SIGKILLs over \(sessions) sessions, none lost or repeated anything")
        #expect(kills == sessions * killsPerSession)
    }

    /// One session through `killsPerSession` kills at random moments; returns the kills made.
    private func killRepeatedly(_ binary: URL, clip: URL, round: Int) async throws -> Int {
        let data = TestFiles.scratch("random-kill-\(round)")
        var server = try await ServeProcess.start(binary, data: data)
        let client = try SessionClient(port: server.port, file: clip)
        try await client.start()
        var moments: [Int] = []
        for _ in 0..<killsPerSession {
            let moment = Int.random(in: 0...2500)
            moments.append(moment)
            let victim = server
            let killer = Task { try? await Task.sleep(for: .milliseconds(moment)); try? await offPool { victim.kill() } }
            // Whatever the kill interrupts (a send, a read) just ends; the client resumes.
            try? await client.upload()
            await client.read()
            await killer.value
            server = try await ServeProcess.start(binary, data: data)
            client.port = server.port
            client.closeCode = nil
            try await client.resume()
        }
        defer { server.stop() }
        try? await client.upload()
        await client.read()
        let context = "round \(round), kills at \(moments) ms"
        #expect(client.closeCode == 1000, "\(context)")
        #expect(client.types.last == "complete", "\(context): \(client.types)")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count), "\(context)")
        let chunks = client.events.filter { $0["type"] as? String == "chunk_ready" }
        // Every chunk the complete event counts, each once (the short first interval makes 3).
        let count = client.events.last { $0["type"] as? String == "complete" }?["chunks"] as? Int ?? 0
        #expect(count >= 2, "\(context)")
        #expect(chunks.compactMap { $0["index"] as? Int }.sorted() == Array(0..<count), "\(context)")
        #expect(try client.storedUpload(in: data) == client.file, "\(context)")
        for chunk in chunks {
            let (body, response) = try await http(server.port, chunk["url"] as? String ?? "/")
            let saved = data.appendingPathComponent("fetched-\(chunk["index"] as? Int ?? -1).mp4")
            try body.write(to: saved)
            #expect(response.statusCode == 200, "\(context)")
            let duration = try await offPool { try Tools.formatDuration(saved) }
            #expect(abs(duration - (chunk["duration"] as? Double ?? 0)) < 0.05, "\(context): chunk \(chunk)")
        }
        return moments.count
    }
}
