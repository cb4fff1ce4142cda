import Cluster
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hashing
import Testing
import TestSupport

/// Servers in cluster mode on a real Redis and a real S3 server (moto) on loopback: a session
/// outlives the server that held it, and a stalled owner cannot write once its lease is gone.
@Suite(.timeLimit(.minutes(10)), .serialized,
       .enabled(if: MotoProcess.python != nil, "moto is not installed (./scripts/install-services)"))
struct ClusterTakeoverTests {
    let cluster: ClusterFixture
    var redis: RedisProcess { cluster.redis }

    init() throws {
        cluster = try ClusterFixture(bucket: "pbp-cluster")
    }

    private func server(_ binary: URL, node: String) async throws -> ServeProcess {
        try await cluster.server(binary, node: node)
    }

    /// Servers a and b, and a session started on a with half its upload acknowledged.
    private func halfUploadedOnA(_ binary: URL) async throws -> (ServeProcess, ServeProcess, SessionClient) {
        let a = try await server(binary, node: "a")
        let b = try await server(binary, node: "b")
        let client = try SessionClient(port: a.port, file: try ServerHarness.clip.get())
        try await client.start()
        try await client.upload(upTo: client.file.count / 2)
        await client.read { $0["type"] as? String == "upload_ack" }
        return (a, b, client)
    }

    @Test func aSessionOutlivesTheServersThatHeldIt() async throws {
        guard let binary = ServeProcess.binary else { return }
        let clip = try ServerHarness.clip.get()
        let a = try await server(binary, node: "a")
        let b = try await server(binary, node: "b")
        defer { b.stop() }
        let client = try SessionClient(port: a.port, file: clip)
        try await client.start()
        try await client.upload(upTo: client.file.count / 2)
        await client.read { $0["type"] as? String == "upload_ack" }
        let acked = client.acked
        a.kill()

        // Another server takes it over: the same stored ranges and last seq.
        let killed = ContinuousClock.now
        client.port = b.port
        client.closeCode = nil
        try await client.resume()
        let takeover = ContinuousClock.now - killed
        print("cluster takeover: kill to welcome on another server \(takeover)")
        #expect(client.acked >= acked, "nothing acknowledged is asked for again")
        try await client.upload()
        await client.read { $0["type"] as? String == "chunk_ready" }
        b.kill()

        // And a third, started after both died.
        let c = try await server(binary, node: "c")
        defer { c.stop() }
        client.port = c.port
        client.closeCode = nil
        try await client.resume()
        await client.read()
        #expect(client.types.last == "complete", "closed \(String(describing: client.closeCode)); c said: \(c.output.suffix(3000))")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count), "no event lost or numbered twice")
        let count = client.events.last { $0["type"] as? String == "complete" }?["chunks"] as? Int ?? 0
        let chunks = client.events.filter { $0["type"] as? String == "chunk_ready" }.compactMap { $0["index"] as? Int }
        #expect(count >= 2)
        #expect(chunks.sorted() == Array(0..<count), "every chunk announced once")
        #expect(c.output.contains("session taken over"))

        // The upload the store keeps, part by part, is the client's file.
        let stored = try cluster.storedUpload(of: client.session, size: client.file.count)
        #expect(SHA256.hex(stored) == SHA256.hex(client.file))
    }

    @Test func aLiveOwnerHandsTheSessionOverWith4409() async throws {
        guard let binary = ServeProcess.binary else { return }
        let (a, b, first) = try await halfUploadedOnA(binary)
        defer { a.stop(); b.stop() }

        // The same client, reconnected through another server: the owner closes its old socket.
        let second = try SessionClient(port: b.port, file: try ServerHarness.clip.get())
        second.session = first.session
        second.token = first.token
        second.events = first.events
        try await second.resume()
        await first.read()
        #expect(first.closeCode == 4409, "the owner closed its socket: the session moved")
        try await second.upload()
        await second.read()
        #expect(second.types.last == "complete")
        #expect(second.events.map { $0["seq"] as? Int ?? 0 } == Array(1...second.events.count), "no event lost or numbered twice")
        #expect(a.output.contains("session handed over"))

        // Any server serves the media: a, which no longer holds the session, from the store.
        let announced = second.events.filter { $0["type"] as? String == "chunk_ready" }
        #expect(!announced.isEmpty)
        for chunk in announced {
            let url = try #require(chunk["url"] as? String)
            let (owned, _) = try await http(b.port, url)
            let (stored, response) = try await http(a.port, url)
            #expect(response.statusCode == 200 && stored == owned, "\(url) from the store is the owner's")
            #expect(response.value(forHTTPHeaderField: "Cache-Control")?.contains("immutable") == true)
            let (part, partial) = try await http(a.port, url, range: "bytes=100-199")
            #expect(partial.statusCode == 206 && part == owned[100..<200])
        }
        let (_, missing) = try await http(a.port, "/media/AAAAAAAAAAAAAAAAAAAAAA/chunk-00000.mp4")
        #expect(missing.statusCode == 404)
    }

    @Test func aResumeWhileRedisIsDownIsToldToComeBackAndThenContinues() async throws {
        guard let binary = ServeProcess.binary else { return }
        let (a, b, client) = try await halfUploadedOnA(binary)
        defer { a.stop(); b.stop() }

        redis.pause()
        client.port = b.port
        client.closeCode = nil
        await #expect { try await client.resume() } throws: { "\($0)".contains("closed 4503") }
        redis.resume()

        // 4503 says "resume again": the owner may need a renewal or two to see the handover
        // request once Redis answers (its calls in the outage waited out their timeouts).
        try await resume(client, retryingOn4503: 6)
        try await client.upload()
        await client.read()
        #expect(client.types.last == "complete")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count), "no event lost or numbered twice")
    }

    @Test func aSessionWhoseEventsCannotBeJournaledStopsAndContinuesOnceRedisIsBack() async throws {
        guard let binary = ServeProcess.binary else { return }
        let a = try await server(binary, node: "a")
        defer { a.stop() }
        let client = try SessionClient(port: a.port, file: try ServerHarness.clip.get())
        try await client.start()
        try await client.upload()
        await client.read { $0["type"] as? String == "chunk_ready" }
        redis.pause()
        // The next event cannot be journaled: it is not sent, and the client is told to resume.
        await client.read()
        redis.resume()
        #expect(client.closeCode == 4503, "closed \(String(describing: client.closeCode)); a said: \(a.output.suffix(2000))")
        #expect(a.output.contains("cluster unreachable"))
        try await resume(client, retryingOn4503: 6)
        await client.read()
        #expect(client.types.last == "complete", "closed \(String(describing: client.closeCode))")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count), "no event lost or numbered twice")
    }

    @Test func aFinishedSessionOfADeadServerIsDeletedByAnotherAfterItsRetention() async throws {
        guard let binary = ServeProcess.binary else { return }
        let a = try await cluster.server(binary, node: "a", arguments: ["--retention", "2"])
        let b = try await cluster.server(binary, node: "b", arguments: ["--retention", "2"])
        defer { b.stop() }
        let client = try SessionClient(port: a.port, file: try ServerHarness.clip.get())
        try await client.start()
        try await client.upload()
        await client.read()
        #expect(client.types.last == "complete")
        let mediaKey = try #require((client.events.last?["playlist"] as? String)?.split(separator: "/").dropFirst().first.map(String.init))
        a.kill() // before its own retention sweep
        let objects = cluster.objects
        let redis = RedisConnection(try RedisAddress.parse(cluster.redis.url).get())
        #expect(try !objects.list("media/\(mediaKey)/").isEmpty, "its media were in the store")
        try await eventually("b deleted what the cluster kept of a's finished session", within: .seconds(20)) {
            guard case .array(let keys) = try redis.command("KEYS", "pbp:s:\(client.session):*"), keys.isEmpty else { return false }
            try await Task.sleep(for: .milliseconds(200))
            return try objects.list("media/\(mediaKey)/").isEmpty && objects.list("sessions/\(client.session)/").isEmpty
        }
    }

    /// Resumes, again on 4503 ("resume again") up to `attempts` times, 2 s apart.
    private func resume(_ client: SessionClient, retryingOn4503 attempts: Int) async throws {
        var attempt = 0
        while true {
            attempt += 1
            client.closeCode = nil
            do {
                try await client.resume()
                return
            } catch where "\(error)".contains("closed 4503") && attempt < attempts {
                try await Task.sleep(for: .seconds(2))
            }
        }
    }

    @Test func aStalledOwnerStopsWritingOnceAnotherTookTheSession() async throws {
        guard let binary = ServeProcess.binary else { return }
        let clip = try ServerHarness.clip.get()
        let a = try await server(binary, node: "a")
        let b = try await server(binary, node: "b")
        defer { a.stop(); b.stop() }
        let client = try SessionClient(port: a.port, file: clip)
        try await client.start()
        try await client.upload()
        await client.read { $0["type"] as? String == "chunk_ready" }
        a.pause()

        // The stalled owner answers no handover request: b waits out its lease.
        client.port = b.port
        client.closeCode = nil
        try await client.resume()
        a.proceed()
        await client.read()
        #expect(client.types.last == "complete")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count), "no event lost or numbered twice")
        try await eventually("the stalled owner says it lost the lease") { a.output.contains("lease lost") }
    }
}
