import Cluster
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LoopbackWebSocket
import Testing
import TestSupport

/// Servers in cluster mode behind a real nginx configured by scripts/nginx-config: new
/// sessions go to the server holding fewest, a resume goes to the server that made the
/// session or, when it is down, to any other, and a client's connection limit counts its
/// sockets on every server.
@Suite(.timeLimit(.minutes(10)), .serialized, ManyServers.alone,
       .enabled(if: MotoProcess.python != nil && NginxProcess.available, "moto or nginx is not installed (./scripts/setup)"))
struct ClusterBalancerTests {
    let cluster: ClusterFixture

    init() throws {
        cluster = try ClusterFixture(bucket: "pbp-balancer")
    }

    /// Servers a, b, c on ports of their own, trusting nginx's X-Forwarded-For, and nginx.
    private func servers(_ binary: URL, _ names: [String] = ["a", "b", "c"]) async throws -> ([String: ServeProcess], NginxProcess) {
        var servers: [String: ServeProcess] = [:]
        for name in names {
            servers[name] = try await cluster.server(binary, node: name, port: try NginxProcess.freePort(),
                                                     arguments: ["--trusted-proxy", "127.0.0.1"])
        }
        let nginx = try NginxProcess(nodes: names.map { ($0, servers[$0]!.port) })
        return (servers, nginx)
    }

    /// The node a session id names (`s_NODE.RANDOM`).
    private func node(of session: String) -> String {
        String(session.dropFirst(2).prefix { $0 != "." })
    }

    @Test func newSessionsGoToTheServerHoldingFewest() async throws {
        guard let binary = ServeProcess.binary else { return }
        let (servers, nginx) = try await servers(binary)
        defer { servers.values.forEach { $0.stop() }; nginx.stop() }
        let clip = try ServerHarness.clip.get()
        // a holds two unfinished sessions (started on it directly).
        for _ in 0..<2 {
            let direct = try SessionClient(port: servers["a"]!.port, file: clip)
            direct.startPath = "/v1/session?placement=any"
            try await direct.start()
            #expect(node(of: direct.session) == "a")
        }
        var placed: [String] = []
        let redis = RedisConnection(try RedisAddress.parse(cluster.redis.url).get())
        for made in 2..<6 {
            // Every server has reported what it holds, and then read the others' once more.
            try await eventually("the servers reported \(made) sessions", within: .seconds(30)) {
                try ["a", "b", "c"].map { Int(try redis.command("GET", "pbp:node:\($0):sessions").string ?? "") ?? 0 }.reduce(0, +) == made
            }
            try await Task.sleep(for: .milliseconds(1500))
            let client = try SessionClient(port: nginx.port, file: clip)
            try await client.start()
            placed.append(node(of: client.session))
        }
        #expect(placed.sorted() == ["b", "b", "c", "c"], "placed on \(placed); nginx: \(nginx.errors.suffix(2000))")
    }

    @Test func aResumeReachesTheServerThatMadeTheSessionOrAnyOtherWhenItIsDown() async throws {
        guard let binary = ServeProcess.binary else { return }
        let (servers, nginx) = try await servers(binary)
        defer { servers.values.forEach { $0.stop() }; nginx.stop() }
        let client = try SessionClient(port: nginx.port, file: try ServerHarness.clip.get())
        try await client.start()
        let maker = try #require(servers[node(of: client.session)], "session \(client.session) names no server")
        try await client.upload(upTo: client.file.count / 3)
        await client.read { $0["type"] as? String == "upload_ack" }
        client.socket?.cut()

        // Routed to its maker: no handover, no takeover.
        client.closeCode = nil
        try await client.resume()
        try await client.upload(upTo: client.file.count * 2 / 3)
        await client.read { $0["type"] as? String == "upload_ack" }
        #expect(!maker.output.contains("session handed over"))
        #expect(!servers.values.contains { $0.output.contains("session taken over") })

        // Its maker dies: nginx falls back to another server, which takes the session over.
        let began = ContinuousClock.now
        maker.kill()
        client.closeCode = nil
        try await client.resume()
        try await client.upload()
        await client.read()
        #expect(client.types.last == "complete", "closed \(String(describing: client.closeCode))")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count), "no event lost or numbered twice")
        #expect(servers.values.contains { $0.output.contains("session taken over") })
        print("balancer: kill to complete \(ContinuousClock.now - began)")
        for chunk in client.events where chunk["type"] as? String == "chunk_ready" {
            let (_, response) = try await http(nginx.port, chunk["url"] as? String ?? "/")
            #expect(response.statusCode == 200, "\(chunk)")
        }
        print("balancer: chunks fetched \(ContinuousClock.now - began)")
    }

    @Test func aClientsConnectionLimitCountsItsSocketsOnEveryServer() async throws {
        guard let binary = ServeProcess.binary else { return }
        var servers: [ServeProcess] = []
        for name in ["a", "b"] {
            servers.append(try await cluster.server(binary, node: name, arguments: ["--max-connections-per-client", "2"]))
        }
        defer { servers.forEach { $0.stop() } }
        let (a, b) = (servers[0], servers[1])
        var held = [try WebSocketClient(port: a.port), try WebSocketClient(port: a.port)]
        // a counts its sockets in Redis after the handshake, and reports itself alive: wait for both.
        let redis = RedisConnection(try RedisAddress.parse(cluster.redis.url).get())
        func counted(_ sockets: Int) async throws {
            try await eventually("a counted \(sockets) sockets of the client", within: .seconds(30)) {
                try redis.command("EXISTS", "pbp:node:a:sessions").integer == 1
                    && Int(try redis.command("HGET", "pbp:node:a:clients", "127.0.0.1").string ?? "0") ?? 0 == sockets
            }
        }
        try await counted(2)
        // Each socket is dropped once its close code is read, as a client would.
        let refused = try await offPool { try WebSocketClient(port: b.port, receiveTimeout: 10).closeCode() }
        #expect(refused == 4429, "b counted the client's two sockets on a; closed with \(String(describing: refused))")

        held.removeLast() // closes it: a counts one now
        try await counted(1)
        // Let in: it is closed only for sending no hello in time.
        let code = try await offPool { try WebSocketClient(port: b.port, receiveTimeout: 10).closeCode() }
        #expect(code != nil && code != 4429, "closed with \(String(describing: code))")
        _ = held
    }
}
