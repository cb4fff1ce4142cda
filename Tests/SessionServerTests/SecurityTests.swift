import Foundation
import Testing
import SessionModel
import TestSupport
@testable import SessionServer

/// docs/SECURITY.md's claims about secrets, names, origins and caps, each shown on a real server.
@Suite(.timeLimit(.minutes(10)), .serialized) struct SecurityTests {
    @Test func identifiersAndTokensAreLongRandomAndDistinct() {
        let ids = (0..<2000).map { _ in Secrets.sessionID() }
        let keys = (0..<2000).map { _ in Secrets.mediaKey() }
        let tokens = (0..<2000).map { _ in Secrets.resumeToken() }
        #expect(ids.allSatisfy { $0.hasPrefix("s_") && $0.count == 2 + 22 })
        #expect(keys.allSatisfy { $0.count == 22 })
        #expect(tokens.allSatisfy { $0.count == 43 })
        #expect(Set(ids + keys + tokens).count == 6000)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect((keys + tokens).allSatisfy { $0.allSatisfy(alphabet.contains) })
        // Each of a resume token's first 252 bits is set about half the time: a broken
        // generator, a counter or a constant shows at once (chance failure below 1e-9 per bit).
        let sextets = tokens.map { $0.prefix(42).map { alphabet.firstIndex(of: $0) ?? 0 } }
        for bit in 0..<252 {
            let ones = sextets.filter { ($0[bit / 6] >> (5 - bit % 6)) & 1 == 1 }.count
            #expect((800...1200).contains(ones), "bit \(bit) set in \(ones) of 2000")
        }
    }

    @Test func secretsAreComparedWhole() {
        #expect(constantTimeEqual(Array("token".utf8), Array("token".utf8)))
        #expect(!constantTimeEqual(Array("token".utf8), Array("tokem".utf8)))
        #expect(!constantTimeEqual(Array("token".utf8), Array("token2".utf8)))
        #expect(!constantTimeEqual([], Array("x".utf8)))
    }

    @Test func uploadNamesNeverBecomePaths() async throws {
        let root = TestFiles.scratch("names")
        let configuration = ServerHarness.configuration(root.appendingPathComponent("data"))
        try await ServerHarness.with(configuration) { server in
            for name in ["../../escape.mp4", "/tmp/escape.mp4", "..", "a/../../b\\u0000.mp4"] {
                let client = try SessionClient(port: server.port, file: try ServerHarness.clip.get())
                client.uploadName = name
                try await client.start()
                try await client.upload()
                await client.read()
                #expect(client.types.last == "complete", "\(name)")
            }
        }
        let everything = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        #expect(!everything.isEmpty)
        #expect(!everything.contains { $0.contains("escape") || $0.hasSuffix("/b") })
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escape.mp4"))
        let fixed = try Regex(#"^data(/cache(/.*)?|/sessions(/s_[A-Za-z0-9_-]{22}(/(meta\.json|events\.jsonl|upload\.bin|upload\.json|out(/[a-z0-9._-]+)?))?)?)?$"#)
        for path in everything { #expect(path.wholeMatch(of: fixed) != nil, "\(path)") }
    }

    @Test func configuredOriginsAreComparedExactly() async throws {
        var configuration = ServerHarness.configuration()
        configuration.allowedOrigins = ["https://app.example"]
        try await ServerHarness.with(configuration) { server in
            let port = server.port
            let refused = try await offPool {
                ["https://app.example.evil", "https://app.example:8443", "http://app.example", "https://evil.example", "null",
                 "http://127.0.0.1.evil.example", "http://localhost.evil.example:80"].filter { origin in
                    do { _ = try WebSocketClient(port: port, origin: origin); return false } catch let failure as WebSocketClient.Failure {
                        return failure.status == 403
                    } catch { return false }
                }
            }
            #expect(refused.count == 7)
            _ = try await offPool { try WebSocketClient(port: port, origin: "https://app.example") }
        }
    }

    /// A lower bound only: the cap guarantees the upload cannot be faster than it allows.
    @Test func theUploadRateIsCappedPerClient() async throws {
        var configuration = ServerHarness.configuration()
        let rate = 300_000
        configuration.maxUploadBytesPerSecond = rate
        try await ServerHarness.with(configuration) { server in
            let client = try SessionClient(port: server.port, file: try ServerHarness.clip.get())
            try await client.start()
            let started = ContinuousClock.now
            try await client.upload()
            let size = client.file.count
            await client.read { $0["type"] as? String == "upload_ack" && $0["offset"] as? Int == size }
            let elapsed = ContinuousClock.now - started
            let least = Double(size - rate) / Double(rate)
            #expect(elapsed >= .milliseconds(Int(least * 900)), "\(size) bytes in \(elapsed)")
            #expect(client.acked == size)
        }
    }

    @Test func theBudgetRefillsAtItsRate() {
        let start = ContinuousClock.now
        let budget = UploadBudget(bytesPerSecond: 1000, now: start)
        #expect(budget.spend(1000, now: start) == .zero)
        #expect(budget.spend(500, now: start) == .milliseconds(500))
        #expect(budget.spend(0, now: start + .milliseconds(500)) == .zero)
        #expect(budget.spend(1000, now: start + .seconds(10)) == .zero)
    }

    @Test func aClientWithSocketsOnTwoServersGetsHalfTheRateOnEach() {
        let start = ContinuousClock.now
        let budget = UploadBudget(bytesPerSecond: 1000, now: start)
        budget.share(local: 1, of: 2)
        #expect(budget.spend(500, now: start) == .zero)
        #expect(budget.spend(250, now: start) == .milliseconds(500), "500 bytes a second here")
        budget.share(local: 1, of: 1)
        #expect(budget.spend(1000, now: start + .seconds(10)) == .zero, "all of it once the other socket is gone")
    }

    /// The serve process with an access token: nothing it prints holds the token, a resume
    /// token or a media key, though it does log the session.
    @Test func logsHoldNoSecrets() async throws {
        guard let binary = ServeProcess.binary else { return }
        let secret = "access-\(Secrets.random(bytes: 12))"
        let server = try await ServeProcess.start(binary, data: TestFiles.scratch("logs").appendingPathComponent("data"),
                                                  environment: ["PLAYBYPLAY_TOKEN": secret])
        defer { server.stop() }
        let client = try SessionClient(port: server.port, file: try ServerHarness.clip.get())
        client.accessToken = secret
        try await client.start()
        let tokens = [client.token]
        try await client.upload(upTo: client.file.count / 2)
        client.socket?.cut()
        try await client.resume()
        try await client.upload()
        await client.read()
        #expect(client.types.last == "complete")
        let mediaKey = (client.events.first { $0["type"] as? String == "chunk_ready" }?["url"] as? String)?.split(separator: "/").dropFirst().first
        let output = server.output
        #expect(output.contains(client.session))
        for hidden in [secret, client.token] + tokens + [mediaKey.map(String.init) ?? "no media key"] {
            #expect(!output.contains(hidden), "the log holds \(hidden)")
        }
    }
}
