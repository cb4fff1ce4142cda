import Foundation
import Media

/// Chunk assembly, ours (video copied, gapless AAC) against the replaced tool's per-chunk
/// ffmpeg command (libx264 ultrafast re-encode), on the same chunks of the same video.
struct MediaComparison: Codable {
    var chunks: Int
    var comparedChunks: Int
    var oursWallPerChunk: Double
    var oursCPUPerChunk: Double
    var theirsWallPerChunk: Double?
    var theirsCPUPerChunk: Double?
    var sequentialWall: Double
    var parallelWall: Double
    var parallelCPU: Double
    var videoSeconds: Double
    var interval: Double

    enum CodingKeys: String, CodingKey {
        case chunks, interval
        case comparedChunks = "compared_chunks", oursWallPerChunk = "ours_wall_per_chunk_s", oursCPUPerChunk = "ours_cpu_per_chunk_s"
        case theirsWallPerChunk = "ffmpeg_wall_per_chunk_s", theirsCPUPerChunk = "ffmpeg_cpu_per_chunk_s"
        case sequentialWall = "sequential_s", parallelWall = "parallel_s", parallelCPU = "parallel_cpu_s", videoSeconds = "video_s"
    }

    static func measure(source: URL, interval: Double, baselineChunks: Int, work: URL, keep: Bool) throws -> MediaComparison {
        let folder = try RunFolder("media", in: work, keep: keep)
        defer { folder.finish() }
        let info = try MediaProbe.probe(source)
        let spans = IntervalPlanner.plan(info, interval: interval)
        let speech = BenchClip.speech()
        let clips: @Sendable (ChunkSpan) -> [SpeechClip] = { [SpeechClip(start: $0.start + 1, samples: speech)] }

        // Ours, one chunk at a time (per-chunk cost), then two at a time (throughput on 2 cores).
        let sequentialFolder = folder.appendingPathComponent("ours-sequential")
        let assembler = try ChunkAssembler(source: MediaSource(source), info: info, directory: sequentialFolder, mixer: .broadcast())
        var perChunk: [Measurement] = []
        let startWall = Date()
        try assembler.writeInitSegment()
        for span in spans {
            perChunk.append(try Measurement.of { _ = try assembler.assemble(span, speech: clips(span)) })
            Console.write("\r  media, ours: chunk \(span.index + 1)/\(spans.count)")
        }
        try FinalAssembler.assemble(directory: sequentialFolder, spans: spans)
        let sequential = Date().timeIntervalSince(startWall)

        let parallelFolder = folder.appendingPathComponent("ours-parallel")
        let parallelAssembler = try ChunkAssembler(source: MediaSource(source), info: info, directory: parallelFolder, mixer: .broadcast())
        let failures = Failures()
        let parallel = try Measurement.of {
            try parallelAssembler.writeInitSegment()
            DispatchQueue.concurrentPerform(iterations: spans.count) { i in
                do { _ = try parallelAssembler.assemble(spans[i], speech: clips(spans[i])) } catch { failures.add(error) }
            }
            if let first = failures.first { throw first }
            try FinalAssembler.assemble(directory: parallelFolder, spans: spans)
        }

        // The replaced tool's command, on the first chunks.
        var baseline: [Measurement] = []
        if let ffmpeg = ExternalTool.path("ffmpeg") {
            let commentary = folder.appendingPathComponent("commentary.mp3")
            try ExternalTool.run(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                                          "sine=frequency=180:sample_rate=44100:duration=3", commentary.path])
            for span in spans.prefix(baselineChunks) {
                let output = folder.appendingPathComponent("baseline-\(span.index).mp4")
                baseline.append(try Measurement.of {
                    try ExternalTool.run(ffmpeg, [
                        "-hide_banner", "-loglevel", "error", "-y",
                        "-ss", "\(span.start)", "-to", "\(span.end)", "-i", source.path, "-i", commentary.path,
                        "-filter_complex", "[0:a]volume=0.2[o];[1:a]adelay=1000|1000[c];[o][c]amix=inputs=2:duration=first[a]",
                        "-map", "0:v", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast",
                        "-c:a", "aac", "-ar", "44100", "-b:a", "192k", "-movflags", "+faststart", output.path,
                    ])
                })
                Console.write("\r  media, replaced tool's ffmpeg command: chunk \(baseline.count)   ")
            }
        }
        Console.line("")
        let compared = perChunk.prefix(baseline.count)
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        return MediaComparison(
            chunks: spans.count, comparedChunks: baseline.count,
            oursWallPerChunk: mean(Array(compared.isEmpty ? perChunk[...] : compared).map(\.wall)) ?? 0,
            oursCPUPerChunk: mean(Array(compared.isEmpty ? perChunk[...] : compared).map(\.cpu)) ?? 0,
            theirsWallPerChunk: mean(baseline.map(\.wall)), theirsCPUPerChunk: mean(baseline.map(\.cpu)),
            sequentialWall: sequential, parallelWall: parallel.wall, parallelCPU: parallel.cpu,
            videoSeconds: info.duration, interval: interval)
    }

    var table: String {
        var rows = [String(format: "video: %.1f s, %d chunks of ~%.0f s", videoSeconds, chunks, interval),
                    "| media work | ours | replaced tool's ffmpeg command | ratio |", "|---|---|---|---|"]
        if let theirsWallPerChunk, let theirsCPUPerChunk {
            rows.append(String(format: "| wall time per chunk (first %d) | %.3f s | %.3f s | %.1fx less |", comparedChunks,
                               oursWallPerChunk, theirsWallPerChunk, theirsWallPerChunk / oursWallPerChunk))
            rows.append(String(format: "| CPU time per chunk (first %d) | %.3f s | %.3f s | %.1fx less |", comparedChunks,
                               oursCPUPerChunk, theirsCPUPerChunk, theirsCPUPerChunk / oursCPUPerChunk))
        } else {
            rows.append("| per chunk | — | skipped: ffmpeg is not on PATH | — |")
        }
        rows.append(String(format: "| whole video, 1 chunk at a time | %.2f s (%.0fx real time) | | |", sequentialWall, videoSeconds / sequentialWall))
        rows.append(String(format: "| whole video, 2 at a time | %.2f s (%.0fx real time), %.2f CPU s | | |", parallelWall,
                           videoSeconds / parallelWall, parallelCPU))
        return rows.joined(separator: "\n")
    }
}

/// Errors collected from concurrent work.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []

    func add(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}
