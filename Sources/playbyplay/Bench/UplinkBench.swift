import ArgumentParser
import Foundation
import Media

/// `playbyplay bench uplink`: one session per container over a shaped uplink (a paced link
/// with a round-trip delay, `ShapedLink`), as a viewer on a real network: how soon the first
/// chunk is ready, while the upload is still going on. The first frame in a browser is
/// measured by client-js/test/uplink.e2e.test.mjs over the same kind of link.
struct UplinkBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uplink", abstract: "First chunk over a shaped uplink, per container (faststart, moov-last, mkv, ts).")

    @Option(help: "The video (default: a generated 133 s 720p25 clip at --video-mbps).") var video: String?
    @Option(help: "Length of the generated clip in seconds.") var seconds = 133
    @Option(help: "Video bitrate of the generated clip, Mbit/s.") var videoMbps: Double = 5
    @Option(help: "Uplink rate, Mbit/s.") var mbps: Double = 20
    @Option(help: "Round-trip delay of the link, ms.") var rttMs: Double = 40
    @Option(help: "Containers, comma-separated: faststart, moov-last, mkv, ts.") var containers = "faststart,moov-last,mkv,ts"
    @Option(help: "Interval length in seconds.") var interval: Double = 30
    @Option(help: "First interval in seconds (the server's --first-interval; 0: as long as the others).") var firstInterval: Double = 4
    @Flag(help: "Upload in order without declaring seekable (a v1 client).") var inOrder = false
    @Option(help: "Write the results as JSON to this file.") var json: String?
    @OptionGroup var workOptions: BenchWorkOptions

    func run() throws {
        try CLIErrors.report { try measure() }
    }

    struct Row: Encodable {
        var container: String
        var bytes: Int
        var videoSeconds: Double
        var firstChunk: Double?
        var uploadEnd: Double?
        var complete: Double?
        var chunks: Int

        enum CodingKeys: String, CodingKey {
            case container, bytes, chunks
            case videoSeconds = "video_s", firstChunk = "first_chunk_s", uploadEnd = "upload_end_s", complete = "complete_s"
        }
    }

    private func measure() throws {
        let folder = URL(fileURLWithPath: workOptions.work)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let ffmpeg = ExternalTool.path("ffmpeg") else { throw ExternalTool.Failure(description: "ffmpeg is not on PATH") }
        let base: URL
        if let video {
            base = URL(fileURLWithPath: video)
        } else {
            Console.line("generating a \(seconds) s 720p25 clip at \(videoMbps) Mbit/s…")
            base = try BenchClip.generate(seconds: seconds, into: folder, ffmpeg: ffmpeg, videoMbps: videoMbps)
        }
        let duration = try MediaProbe.probe(base).duration
        var rows: [Row] = []
        for container in containers.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let file = try BenchClip.remux(base, to: container, into: folder, ffmpeg: ffmpeg)
            let bytes = try [UInt8](Data(contentsOf: file))
            Console.line(String(format: "%@: %.1f MB over %.0f Mbit/s, %.0f ms round trip…", container, Double(bytes.count) / 1e6, mbps, rttMs))
            let timing = try session(bytes: bytes, work: folder)
            if let failure = timing.failure { throw ExternalTool.Failure(description: "\(container): \(failure)") }
            rows.append(Row(container: container, bytes: bytes.count, videoSeconds: duration, firstChunk: timing.firstChunk,
                            uploadEnd: timing.uploadEnd, complete: timing.complete, chunks: timing.chunks))
        }
        print("")
        print(String(format: "uplink %.0f Mbit/s, round trip %.0f ms, first interval %.0f s, intervals %.0f s%@", mbps, rttMs,
                     firstInterval, interval, inOrder ? ", in-order client" : ""))
        print("| container | size | first chunk_ready | upload end | complete | chunks |")
        print("|---|---|---|---|---|---|")
        func s(_ value: Double?) -> String { value.map { String(format: "%.2f s", $0) } ?? "—" }
        for row in rows {
            print("| \(row.container) | \(String(format: "%.1f MB", Double(row.bytes) / 1e6)) | \(s(row.firstChunk)) | \(s(row.uploadEnd)) | \(s(row.complete)) | \(row.chunks) |")
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(rows).write(to: URL(fileURLWithPath: json))
        }
    }

    private func session(bytes: [UInt8], work: URL) throws -> BenchSession.Timing {
        let folder = try RunFolder("uplink", in: work, keep: workOptions.keepOutputs)
        defer { folder.finish() }
        let child = try ChildProcess([ChildProcess.selfPath, "serve", "--port", "0", "--data-dir", folder.appendingPathComponent("data").path,
                                      "--client-dir", folder.url.path, "--first-interval", "\(firstInterval)"],
                                     errorLog: folder.appendingPathComponent("stderr.log"))
        defer {
            child.signal(SIGTERM)
            _ = child.wait()
        }
        guard let (line, _) = child.nextLine(), let port = Int(line.split(separator: ":").last ?? "") else {
            child.signal(SIGKILL)
            throw ExternalTool.Failure(description: "serve did not start: \(child.errorTail)")
        }
        let link = try ShapedLink(target: port, bytesPerSecond: mbps * 1e6 / 8, roundTrip: rttMs / 1000)
        defer { link.close() }
        return BenchSession(port: link.port, bytes: bytes, interval: interval, seekable: !inOrder).run()
    }
}
