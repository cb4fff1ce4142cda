import Cluster
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hashing
import Testing
import TestSupport

/// Three cluster servers behind nginx, six sessions through the harness (cut uploads, two
/// commands each, reconnecting through nginx by themselves), and a random server killed with
/// SIGKILL every 5-10 s and restarted, once stopped (SIGSTOP) past its leases instead: every
/// session still ends with each event once, each command answered once, its upload stored
/// byte for byte, every chunk served, a final video made of the chunks' packets and captions
/// that are its commentary. It loads both cores for a minute or more, so it runs on its own:
/// `./scripts/test` runs it after the other tests, never beside them, where it would starve
/// their sessions (`ManyServers`).
@Suite(.timeLimit(.minutes(20)), .serialized, ManyServers.alone,
       .enabled(if: MotoProcess.python != nil && NginxProcess.available && HarnessProcess.node != nil,
                "moto, nginx or node is not installed (./scripts/setup)"))
struct ClusterChaosTests {
    let cluster: ClusterFixture
    let names = ["a", "b", "c"]
    let sessions = 6

    init() throws {
        cluster = try ClusterFixture(bucket: "pbp-chaos")
    }

    @Test func sessionsLoseNothingWhileServersAreKilled() async throws {
        guard let binary = ServeProcess.binary else { return }
        let clip = try Self.clip.get()
        let source = [UInt8](try Data(contentsOf: clip))
        var ports: [String: Int] = [:]
        for name in names { ports[name] = try NginxProcess.freePort() }
        let servers = Servers()
        for name in names { await servers.set(name, try await start(binary, name, port: ports[name]!)) }
        let nginx = try NginxProcess(nodes: names.map { ($0, ports[$0]!) })
        defer { nginx.stop() }

        let script = Self.script(cutAt: source.count / 3)
        var runs: [HarnessProcess] = []
        for index in 0..<sessions {
            runs.append(try HarnessProcess(url: "ws://127.0.0.1:\(nginx.port)/v1/session", file: clip, script: script,
                                           arguments: ["--reconnect"], folder: TestFiles.scratch("chaos-client-\(index)")))
        }
        let chaos = Task { () -> Chaos in
            var chaos = Chaos()
            while runs.contains(where: \.isRunning), !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int.random(in: 5000...10_000)))
                guard runs.contains(where: \.isRunning) else { break }
                let name = names.randomElement()!
                let victim = await servers.get(name)
                if chaos.stops == 0, chaos.kills >= 1 {
                    victim.pause()
                    try? await Task.sleep(for: .seconds(5)) // longer than a lease
                    victim.proceed()
                    chaos.stops += 1
                } else {
                    victim.kill()
                    chaos.kills += 1
                    if let restarted = try? await start(binary, name, port: ports[name]!) { await servers.set(name, restarted) }
                }
            }
            return chaos
        }
        var statuses: [Int32] = []
        for run in runs { statuses.append(try await run.wait()) }
        chaos.cancel()
        let made = await chaos.value
        defer { Task { await servers.stopAll() } }

        var counts = Counts()
        for (index, run) in runs.enumerated() {
            let context = "session \(index): \(run.stderr.suffix(600))"
            #expect(statuses[index] == 0, "\(context)")
            try await check(run.lines, source: source, nginx: nginx, counts: &counts, context: context)
        }
        print("cluster chaos: \(made.kills) SIGKILLs and \(made.stops) SIGSTOP, \(counts.resumes) resumes, \(counts.events) events "
              + "over \(sessions) sessions, \(counts.lost) lost, \(counts.duplicated) duplicated; "
              + "Redis holds \(try redisBytes(of: runs) / sessions) bytes per finished session")
        #expect(made.kills >= 2 && made.stops == 1, "the servers were disturbed: \(made)")
        #expect(counts.lost == 0 && counts.duplicated == 0)
        await servers.stopAll()
    }

    /// One session's run as the harness printed it, against everything the cluster keeps.
    private func check(_ lines: [[String: Any]], source: [UInt8], nginx: NginxProcess, counts: inout Counts, context: String) async throws {
        let events = lines.filter { $0["seq"] is Int }
        let seqs = events.compactMap { $0["seq"] as? Int }
        counts.events += seqs.count
        counts.resumes += lines.filter { $0["type"] as? String == "welcome" }.count - 1
        let expected = Array(1...(seqs.max() ?? 0))
        counts.lost += Set(expected).subtracting(seqs).count
        counts.duplicated += seqs.count - Set(seqs).count
        #expect(seqs == expected, "\(context): every event once, in order")
        let typed = { (type: String) in events.filter { $0["type"] as? String == type } }

        let results = typed("command_result").compactMap { $0["id"] as? String }
        #expect(results.sorted() == ["h-1", "h-2"], "\(context): one result per command: \(results)")
        let complete = try #require(typed("complete").last, "\(context): no complete")

        let session = try #require(lines.first { $0["type"] as? String == "welcome" }?["session"] as? String)
        let stored = try cluster.storedUpload(of: session, size: source.count)
        #expect(SHA256.hex(stored) == SHA256.hex(source), "\(context): the stored upload is the file")

        let folder = TestFiles.scratch("chaos-check")
        var chunkFiles: [URL] = []
        for chunk in typed("chunk_ready").sorted(by: { ($0["index"] as? Int ?? 0) < ($1["index"] as? Int ?? 0) }) {
            let (body, response) = try await http(nginx.port, chunk["url"] as? String ?? "/")
            #expect(response.statusCode == 200, "\(context): \(chunk)")
            let file = folder.appendingPathComponent("chunk-\(chunkFiles.count).mp4")
            try body.write(to: file)
            chunkFiles.append(file)
        }
        #expect(chunkFiles.count == complete["chunks"] as? Int, "\(context): every chunk announced once")

        let final = try #require(complete["final_video"] as? String, "\(context): no final video")
        let (video, finalResponse) = try await http(nginx.port, final)
        #expect(finalResponse.statusCode == 200)
        let finalFile = folder.appendingPathComponent("final.mp4")
        try video.write(to: finalFile)
        let joined = try chunkFiles.flatMap { try Self.packets($0, stream: "v") }
        #expect(try Self.packets(finalFile, stream: "v") == joined, "\(context): final.mp4's frames are the chunks'")
        let sound = try chunkFiles.map { try Self.packets($0, stream: "a") }
        #expect(Self.isMade(of: sound, try Self.packets(finalFile, stream: "a")), "\(context): final.mp4's sound is the chunks'")

        let (captions, _) = try await http(nginx.port, complete["captions"] as? String ?? "/")
        let lines = typed("commentary_ready").sorted { ($0["start"] as? Double ?? 0) < ($1["start"] as? Double ?? 0) }
            .compactMap { $0["text"] as? String }
        #expect(Self.cueTexts(String(decoding: captions, as: UTF8.self)) == lines.map(Self.squeezed), "\(context): captions are the commentary")
    }

    /// What Redis holds for these sessions (MEMORY USAGE of each of their keys).
    private func redisBytes(of runs: [HarnessProcess]) throws -> Int {
        let redis = RedisConnection(try RedisAddress.parse(cluster.redis.url).get())
        var total = 0
        for run in runs {
            guard let session = run.lines.first(where: { $0["type"] as? String == "welcome" })?["session"] as? String,
                  case .array(let keys) = try redis.command("KEYS", "pbp:s:\(session):*") else { continue }
            for key in keys.compactMap(\.string) {
                total += Int(try redis.command("MEMORY", "USAGE", key).integer ?? 0)
            }
        }
        return total
    }

    private func start(_ binary: URL, _ name: String, port: Int) async throws -> ServeProcess {
        try await cluster.server(binary, node: name, port: port, arguments: ["--trusted-proxy", "127.0.0.1"])
    }

    /// 40 s, so the sessions last long enough for several kills and the stop.
    static let clip: Result<URL, any Error> = Result {
        try TestFiles.generate("chaos40.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100",
            "-t", "40", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
        ])
    }

    /// Cut a third in, resumed, the rest in the background, two commands, then to the end.
    static func script(cutAt byte: Int) -> String {
        """
        [{"start": {"options": {"interval_s": 5, "voice": "en-us"}}},
         {"cut": {"at_byte": \(byte)}},
         {"resume": {}},
         {"upload": {"wait": false}},
         {"command": {"name": "reprioritise_interval", "args": {"at": 31}}},
         {"wait": {"type": "chunk_ready", "timeout_s": 300}},
         {"command": {"name": "change_voice", "args": {"voice": "en-gb"}}},
         {"wait": {"type": "complete", "timeout_s": 600}},
         {"expect": {"in_order": true}},
         {"expect": {"closed": 1000, "timeout_s": 30}}]
        """
    }

    /// Size and SHA-256 of every packet of one stream, in order.
    static func packets(_ url: URL, stream: String) throws -> [String] {
        let json = try Tools.probe(url, ["-select_streams", stream, "-show_data_hash", "sha256", "-show_entries", "packet=size,data_hash"])
        return (json["packets"] as? [[String: Any]] ?? []).map { "\($0["size"] ?? "") \($0["data_hash"] ?? "")" }
    }

    /// Whether `final` is each chunk's packets in turn, less the few at a chunk's edges that a
    /// chunk carries to play on its own (AAC priming and the tail that overlaps the next).
    static func isMade(of chunks: [[String]], _ final: [String], edge: Int = 4) -> Bool {
        var position = 0
        for chunk in chunks {
            guard let first = (0..<min(edge + 1, chunk.count)).first(where: { position < final.count && chunk[$0] == final[position] }) else {
                return false
            }
            var index = first
            while index < chunk.count, position < final.count, chunk[index] == final[position] {
                index += 1
                position += 1
            }
            if chunk.count - index > edge { return false }
        }
        return position == final.count
    }

    /// The text of each WebVTT cue, its lines joined.
    static func cueTexts(_ vtt: String) -> [String] {
        vtt.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n").map(String.init)
            guard let timing = lines.firstIndex(where: { $0.contains("-->") }) else { return nil }
            return squeezed(lines[(timing + 1)...].joined(separator: " "))
        }
    }

    static func squeezed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    struct Chaos {
        var kills = 0
        var stops = 0
    }

    struct Counts {
        var events = 0
        var resumes = 0
        var lost = 0
        var duplicated = 0
    }

    /// The server running under each name now (a restart replaces it).
    actor Servers {
        private var byName: [String: ServeProcess] = [:]

        func set(_ name: String, _ server: ServeProcess) { byName[name] = server }
        func get(_ name: String) -> ServeProcess { byName[name]! }

        func stopAll() {
            for server in byName.values {
                server.proceed()
                server.stop()
            }
            byName = [:]
        }
    }
}
