import Foundation

/// The batch baseline and the streaming pipeline on the same video, each a `playbyplay
/// process` child (fresh cache, own memory), timed from its output lines.
enum PipelineBench {
    static func run(video: URL, duration: Double, interval: Double, batch: Bool, providers: ProviderSetting, work: URL, keep: Bool) throws -> RunResult {
        let kind = RunKind.pipeline(batch: batch), name = kind.name(providers)
        let folder = try RunFolder(name.replacingOccurrences(of: ", ", with: "-").replacingOccurrences(of: " ", with: "-"), in: work, keep: keep)
        defer { folder.finish() }
        let arguments = [ChildProcess.selfPath, "process", video.path, "--out", folder.appendingPathComponent("out").path,
                         "--data-dir", folder.appendingPathComponent("cache").path, "--json", "--interval", "\(interval)"]
            + providers.arguments + (batch ? ["--batch", "--first-interval", "0"] : [])
        let child = try ChildProcess(arguments, errorLog: folder.appendingPathComponent("stderr.log"))
        var first: Double?, last: Double?, end: Double?, chunks = 0
        while let (line, at) = child.nextLine() {
            switch eventType(line) {
            case "chunk_ready":
                chunks += 1
                first = first ?? at
                last = at
            case "complete":
                end = at
            default:
                break
            }
        }
        let usage = child.wait()
        guard usage.status == 0, let end else {
            throw ExternalTool.Failure(description: "\(name) failed (exit \(usage.status)): \(child.errorTail)")
        }
        // The replaced tool delivered one file, when everything was done.
        return RunResult(kind: kind, providers: providers, firstChunk: batch ? end : first, lastChunk: batch ? end : last, total: end, videoSeconds: duration,
                         cpuSeconds: usage.cpuSeconds, peakRSSMiB: usage.peakRSSMiB, chunks: chunks)
    }

    /// The `type` of a protocol event printed as a JSON line.
    static func eventType(_ line: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return object["type"] as? String
    }
}
