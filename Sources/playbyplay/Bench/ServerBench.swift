import Foundation

/// The server path: a `playbyplay serve` child on loopback and N sessions uploading the same
/// video at once over real WebSockets, at full speed. Memory is sampled from /proc while the
/// sessions run; the idle server's is subtracted to give the memory per session.
enum ServerBench {
    static func run(bytes: [UInt8], duration: Double, interval: Double, sessions: Int, providers: ProviderSetting,
                    uploadMiBPerSecond pace: Double? = nil, work: URL, keep: Bool) throws -> RunResult {
        let kind = RunKind.server(sessions: sessions, pacedMiBPerSecond: pace), name = kind.name(providers)
        let folder = try RunFolder("server-\(sessions)-\(providers.simulateCloud ? "simulated" : "local")\(pace == nil ? "" : "-paced")",
                                   in: work, keep: keep)
        defer { folder.finish() }
        let child = try ChildProcess([ChildProcess.selfPath, "serve", "--port", "0", "--data-dir", folder.appendingPathComponent("data").path,
                                      "--max-sessions", "\(sessions)", "--client-dir", folder.url.path] + providers.arguments,
                                     errorLog: folder.appendingPathComponent("stderr.log"))
        guard let (line, _) = child.nextLine(), let port = Int(line.split(separator: ":").last ?? "") else {
            child.signal(SIGKILL)
            _ = child.wait()
            throw ExternalTool.Failure(description: "serve did not start: \(child.errorTail)")
        }
        let idle = child.residentMiB ?? 0
        let pid = child.pid
        let sampler = PeakSampler { ChildProcess.residentMiB(of: pid) }
        let results = Concurrent.map(0..<sessions) { _ in BenchSession(port: port, bytes: bytes, interval: interval, pace: pace.map { $0 * 1_048_576 }).run() }
        let peak = sampler.stop()
        child.signal(SIGTERM)
        let usage = child.wait()
        if let failure = results.compactMap(\.failure).first {
            throw ExternalTool.Failure(description: "\(name): a session failed: \(failure)")
        }
        let firsts = results.compactMap(\.firstChunk), lasts = results.compactMap(\.lastChunk)
        let uploads = results.compactMap(\.uploadMiBPerSecond)
        return RunResult(
            kind: kind, providers: providers, firstChunk: firsts.max(), lastChunk: lasts.max(), total: results.compactMap(\.complete).max() ?? 0,
            videoSeconds: duration * Double(sessions), cpuSeconds: usage.cpuSeconds,
            peakRSSMiB: max(0, peak - idle) / Double(sessions), chunks: results.map(\.chunks).reduce(0, +),
            uploadMiBPerSecond: uploads.isEmpty ? nil : uploads.reduce(0, +) / Double(uploads.count),
            uploadEnd: results.compactMap(\.uploadEnd).max())
    }
}

/// The highest value a reading takes, read every 50 ms on a thread of its own until stopped.
final class PeakSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var peak = 0.0
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    init(_ read: @escaping @Sendable () -> Double?) {
        Thread {
            while self.lock.withLock({ self.running }) {
                if let value = read() { self.lock.withLock { self.peak = max(self.peak, value) } }
                usleep(50_000)
            }
            self.done.signal()
        }.start()
    }

    func stop() -> Double {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { peak }
    }
}

/// Runs blocking work on threads of its own, one per item, and waits for all.
enum Concurrent {
    static func map<T>(_ items: Range<Int>, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let results = Results<T>()
        let group = DispatchGroup()
        for item in items {
            group.enter()
            Thread {
                results.set(item, body(item))
                group.leave()
            }.start()
        }
        group.wait()
        return items.map { results.get($0)! }
    }

    private final class Results<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: T] = [:]

        func set(_ key: Int, _ value: T) { lock.withLock { values[key] = value } }
        func get(_ key: Int) -> T? { lock.withLock { values[key] } }
    }
}
