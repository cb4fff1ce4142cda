import Foundation
import Hashing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Commentary
import SessionModel
import Commentary
import TestSupport
@testable import SessionServer

@Suite(.timeLimit(.minutes(10)), .serialized) struct SessionProtocolTests {
    @Test func aWholeSessionOverLoopback() async throws {
        let clip = try ServerHarness.clip.get()
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start()
            let welcome = client.lastWelcome
            #expect((welcome["session"] as? String)?.hasPrefix("s_") == true)
            #expect((welcome["resume_token"] as? String)?.count == 43)
            #expect((welcome["voices"] as? [Any])?.isEmpty == false)
            try await client.upload()
            await client.read()
            #expect(client.closeCode == 1000)
            #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count))
            #expect(client.types.last == "complete")
            let chunks = client.events.filter { $0["type"] as? String == "chunk_ready" }
            #expect(chunks.count == 2)
            #expect(client.types.firstIndex(of: "media_info")! < client.types.firstIndex(of: "chunk_ready")!)

            let url = try #require(chunks.first?["url"] as? String)
            let (body, response) = try await http(server.port, url)
            #expect(response.statusCode == 200 && response.value(forHTTPHeaderField: "Content-Type") == "video/mp4")
            let saved = TestFiles.scratch("fetched").appendingPathComponent("chunk.mp4")
            try body.write(to: saved)
            #expect(abs(try Tools.formatDuration(saved) - (chunks[0]["duration"] as? Double ?? 0)) < 0.05)
            let (part, partial) = try await http(server.port, url, range: "bytes=100-199")
            #expect(partial.statusCode == 206 && part == body[100..<200])
            #expect(partial.value(forHTTPHeaderField: "Content-Range") == "bytes 100-199/\(body.count)")
            let (_, missing) = try await http(server.port, url.replacingOccurrences(of: "chunk-00000", with: "chunk-00009"))
            #expect(missing.statusCode == 404)
            let (_, unknown) = try await http(server.port, "/media/AAAAAAAAAAAAAAAAAAAAAA/final.mp4")
            #expect(unknown.statusCode == 404)
            var head = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(url)")!)
            head.httpMethod = "HEAD"
            let (headBody, headResponse) = try await URLSession.shared.data(for: head)
            #expect((headResponse as? HTTPURLResponse)?.statusCode == 200 && headBody.isEmpty)
            #expect((headResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Length") == "\(body.count)")
            let (health, _) = try await http(server.port, "/healthz")
            #expect(String(decoding: health, as: UTF8.self).contains(#""sessions":1"#))
        }
    }

    @Test func resumingAfterCutsLosesNothingAndRepeatsNothing() async throws {
        let clip = try ServerHarness.clip.get()
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start()
            var generator = SystemRandomNumberGenerator()
            // Cut during the upload at random bytes, then during processing after random events.
            var cuts = 0
            while client.acked < client.file.count - 100_000 {
                try await client.upload(upTo: client.acked + Int.random(in: 20_000...90_000, using: &generator))
                client.socket?.cut()
                try await client.resume()
                cuts += 1
            }
            try await client.upload()
            while client.closeCode == nil {
                let stopAt = client.events.count + Int.random(in: 1...3, using: &generator)
                await client.read { _ in client.events.count >= stopAt }
                if client.closeCode != nil { break }
                client.socket?.cut()
                try await client.resume()
                cuts += 1
            }
            #expect(cuts >= 20)
            await client.read()
            #expect(client.types.last == "complete")
            #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count))
            let stored = try Data(contentsOf: server.configuration.dataDirectory
                .appendingPathComponent("sessions").appendingPathComponent(client.session).appendingPathComponent("upload.bin"))
            #expect(SHA256.hex([UInt8](stored)) == SHA256.hex(client.file))
        }
    }

    @Test func anUploadThatDoesNotMatchItsChecksumFails() async throws {
        let clip = try ServerHarness.clip.get()
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start(sha256: String(repeating: "ab", count: 32))
            try await client.upload()
            await client.read()
            let error = client.events.last
            #expect(error?["type"] as? String == "error" && error?["code"] as? String == "checksum_mismatch" && error?["fatal"] as? Bool == true)
            #expect(client.closeCode == 1000)
            let good = try SessionClient(port: server.port, file: clip)
            try await good.start(sha256: SHA256.hex(good.file))
            try await good.upload()
            await good.read()
            #expect(good.types.last == "complete")
        }
    }

    /// Bound to 127.0.0.1, the server listens on loopback only: the kernel's socket table
    /// shows its port on 127.0.0.1 and on no other address (IPv4 or IPv6).
    @Test func loopbackMeansLoopbackOnly() async throws {
        try await ServerHarness.with { server in
            let port = String(format: "%04X", server.port)
            var listening: [String] = []
            for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
                guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
                for line in text.split(separator: "\n").dropFirst() {
                    let fields = line.split(separator: " ")
                    // local_address is field 1 ("HEXADDR:HEXPORT"), st is field 3 (0A: LISTEN).
                    guard fields.count > 3, fields[3] == "0A", fields[1].hasSuffix(":" + port) else { continue }
                    listening.append(String(fields[1]))
                }
            }
            #expect(listening == ["0100007F:" + port])
        }
    }

    @Test func commandsAreAnsweredOnceEachAndApplied() async throws {
        let clip = try ServerHarness.clip.get()
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start()
            try await client.send(#"{"type":"command","id":"v1","name":"change_voice","args":{"voice":"es"}}"#)
            try await client.send(#"{"type":"command","id":"v1","name":"change_voice","args":{"voice":"en-us"}}"#)
            try await client.send(#"{"type":"command","id":"v2","name":"change_voice","args":{"voice":"nobody"}}"#)
            // espeak-ng has it, but it spells English out letter by letter: not offered, and it says why.
            try await client.send(#"{"type":"command","id":"v4","name":"change_voice","args":{"voice":"ja"}}"#)
            try await client.send(#"{"type":"command","id":"v3","name":"dance"}"#)
            try await client.send(#"{"type":"ping"}"#)
            try await client.upload()
            try await client.send(#"{"type":"command","id":"c","name":"cancel"}"#)
            await client.read()
            let results = client.events.filter { $0["type"] as? String == "command_result" }
            #expect(results.map { $0["id"] as? String } == ["v1", "v1", "v2", "v4", "v3", "c"])
            #expect((results[0]["result"] as? [String: Any])?["voice"] as? String == "es")
            #expect((results[1]["result"] as? [String: Any])?["voice"] as? String == "es")
            #expect((results[2]["error"] as? [String: Any])?["code"] as? String == "unknown_voice")
            let spelling = results[3]["error"] as? [String: Any]
            #expect(spelling?["code"] as? String == "unknown_voice")
            #expect((spelling?["message"] as? String)?.contains("cannot speak") == true, "\(String(describing: spelling))")
            #expect((results[4]["error"] as? [String: Any])?["code"] as? String == "unknown_command")
            #expect(client.types.last == "cancelled")
            #expect(client.closeCode == 1000)
        }
    }
}

/// What a client may choose before it has a session.
@Suite(.timeLimit(.minutes(10))) struct ServerOptionsTests {
    @Test func theOptionsAreListedOverHTTPAsHelloTakesThem() async throws {
        try await ServerHarness.with { server throws in
            let (data, response) = try await http(server.port, "/v1/options")
            #expect(response.statusCode == 200)
            #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/json")
            let options = try JSONDecoder().decode(ServerOptions.self, from: data)
            #expect(options.voices.contains(Voice(id: "en-us", name: "English (America)", language: "en", provider: "espeak")))
            #expect(options.languages == ["en", "es"])
            #expect(options.sports == SportCatalog.shipped.sports)
            #expect(options.sports.first == "soccer" && options.sports.contains("cricket") && options.sports.last == "generic")
            #expect(server.helloRules.sports?.isSuperset(of: options.sports) == true)
            #expect(server.helloRules.sports?.contains("football") == true, "aliases are taken too")
            #expect(Set(options.voices.map(\.id)) == server.helloRules.voices)
            #expect(server.helloRules.defaultVoices == ["en": "en-us", "es": "es"])
        }
    }

    /// With the neural voice installed, it is listed by name and is English's default: a hello
    /// without a voice gets it (only the server's start here: speaking is its own suite's).
    @Test(.enabled(if: NeuralAssets.current.runtimeLibrary != nil && !NeuralAssets.current.voiceFolders.isEmpty))
    func theNeuralVoiceIsEnglishsDefault() async throws {
        try await ServerHarness.with(providers: .local) { server throws in
            let (data, _) = try await http(server.port, "/v1/options")
            let options = try JSONDecoder().decode(ServerOptions.self, from: data)
            guard let joe = options.voices.first(where: { $0.provider == "piper" }) else { return }
            #expect(joe.name == "Joe (English, United States)" && joe.language == "en")
            #expect(server.helloRules.defaultVoices["en"] == joe.id)
            #expect(server.helloRules.defaultVoices["es"] == "es")
        }
    }
}

func http(_ port: Int, _ path: String, range: String? = nil) async throws -> (Data, HTTPURLResponse) {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
    if let range { request.setValue(range, forHTTPHeaderField: "Range") }
    let (data, response) = try await URLSession.shared.data(for: request)
    return (data, response as! HTTPURLResponse)
}
