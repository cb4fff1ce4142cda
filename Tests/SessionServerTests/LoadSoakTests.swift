import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import SessionModel
import TestSupport
@testable import SessionServer

/// Many sessions at once beside many idle sockets: every session completes, memory stays flat
/// and the event loop never stalls. One round of 2 sessions and 8 idle sockets; with
/// PLAYBYPLAY_SOAK=1, 8 sessions at a time and 64 idle sockets for PLAYBYPLAY_SOAK_MINUTES (10).
@Suite(.timeLimit(.minutes(10)), .serialized) struct LoadSoakTests {
    private final class Stop: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        var isSet: Bool { lock.withLock { stopped } }
        func set() { lock.withLock { stopped = true } }
    }

    /// RSS samples, taken by one task and read by another.
    private final class Samples: @unchecked Sendable {
        private let lock = NSLock()
        private var taken: [(seconds: Int, rss: Double)] = []
        var all: [(seconds: Int, rss: Double)] { lock.withLock { taken } }
        func take(at seconds: Int) { let rss = ResidentMemory.mebibytes; lock.withLock { taken.append((seconds, rss)) } }
    }

    @Test func sessionsCompleteBesideIdleSocketsWithFlatMemory() async throws {
        let soak = Soak.enabled
        let workers = soak ? 8 : 2
        let idleCount = soak ? 64 : 8
        let duration = Duration.seconds(soak ? 60 * Soak.number("PLAYBYPLAY_SOAK_MINUTES", otherwise: 10) : 0)
        let clip = try ServerHarness.clip.get()
        var configuration = ServerHarness.configuration()
        // Idle clients hold a started session each (a stalled upload) and must not take the
        // processing sessions' slots; every socket comes from 127.0.0.1.
        configuration.maxSessions = workers + idleCount
        configuration.maxConnectionsPerClient = workers + idleCount + 8
        configuration.retention = .seconds(5)
        try await ServerHarness.with(configuration) { server in
            let port = server.port
            let stop = Stop()
            let idle = (0..<idleCount).map { _ in
                Task {
                    try await offPool {
                        let socket = try WebSocketClient(port: port)
                        try socket.send(text: #"{"type":"hello","mode":"start","upload":{"name":"idle.mp4","size":1000000}}"#)
                        return socket.idle { stop.isSet }
                    }
                }
            }
            let started = ContinuousClock.now
            let memory = Samples()
            memory.take(at: 0)
            let sampler = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(15))
                    memory.take(at: Int((ContinuousClock.now - started).components.seconds))
                }
            }
            let results = await withTaskGroup(of: (completed: Int, failed: [String]).self) { group in
                for _ in 0..<workers {
                    group.addTask {
                        var completed = 0
                        var failed: [String] = []
                        repeat {
                            do {
                                let client = try SessionClient(port: port, file: clip)
                                try await client.start()
                                try await client.upload()
                                await client.read()
                                if client.types.last == "complete" { completed += 1 } else { failed.append(client.types.joined(separator: ",")) }
                            } catch {
                                failed.append("\(error)")
                            }
                        } while ContinuousClock.now - started < duration
                        return (completed, failed)
                    }
                }
                return await group.reduce(into: [(completed: Int, failed: [String])]()) { $0.append($1) }
            }
            stop.set()
            sampler.cancel()
            memory.take(at: Int((ContinuousClock.now - started).components.seconds))
            let samples = memory.all
            var idleCodes: [UInt16?] = []
            for task in idle { idleCodes.append(try await task.value) }
            let (health, _) = try await http(port, "/healthz")
            let loop = (try JSONDecoder().decode(JSONValue.self, from: health))["loop"]
            let completed = results.map(\.completed).reduce(0, +)
            Soak.report("\(completed) sessions completed by \(workers) clients beside \(idleCount) idle sockets in \(ContinuousClock.now - started)")
            Soak.report("RSS MiB over time: " + samples.map { "\($0.seconds)s=\(Int($0.rss))" }.joined(separator: " "))
            Soak.report("event loop: longest callback \(loop?["max_callback_ms"]?.number ?? -1) ms "
                        + "(CPU \(loop?["max_callback_cpu_ms"]?.number ?? -1) ms), longest wake \(loop?["max_wake_ms"]?.number ?? -1) ms, "
                        + "load average \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?")")

            #expect(results.allSatisfy { $0.failed.isEmpty }, "\(results.flatMap(\.failed))")
            #expect(results.allSatisfy { $0.completed >= 1 })
            // Idle sockets were never dropped: they end only when the test stops them.
            #expect(idleCodes.allSatisfy { $0 == nil }, "\(idleCodes)")
            #expect(loop?["max_wake_ms"]?.number != nil && loop?["max_callback_cpu_ms"]?.number != nil)
            if soak, let first = samples.dropFirst().first?.rss, let last = samples.last?.rss {
                #expect(last < first * 1.5 + 64, "RSS grew from \(first) to \(last) MiB")
                #expect((loop?["max_callback_ms"]?.number ?? .infinity) < 50)
            }
        }
    }
}
