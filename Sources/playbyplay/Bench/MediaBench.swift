import ArgumentParser
import Foundation
import Media

/// Chunk assembly: ours (video copied, gapless AAC) against the replaced tool's per-chunk
/// ffmpeg command (libx264 ultrafast re-encode), on the same chunks of the same video.
struct MediaBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media", abstract: "Chunk assembly against the replaced tool's per-chunk ffmpeg re-encode.")

    @Option(help: "The video (default: a generated 720p25 clip).") var video: String?
    @Option(help: "Length of the generated clip in seconds.") var seconds: Int = 600
    @Option(help: "Interval length in seconds.") var interval: Double = 30
    @Option(help: "How many chunks to run the replaced tool's command on (it is slow).") var baselineChunks: Int = 4
    @Flag(help: "A smoke run: a 60 s clip and one baseline chunk.") var quick = false
    @Option(help: "Work folder (kept).") var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("playbyplay-bench").path

    func run() throws {
        try CLIErrors.report { try measure() }
    }

    private func measure() throws {
        let folder = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ffmpeg = ExternalTool.path("ffmpeg")
        let source: URL
        if let video {
            source = URL(fileURLWithPath: video)
        } else {
            guard let ffmpeg else { throw ValidationError("ffmpeg is not on PATH: give --video to benchmark without it") }
            let length = quick ? 60 : seconds
            print("generating a \(length) s 720p clip…")
            source = try BenchClip.generate(seconds: length, into: folder, ffmpeg: ffmpeg)
        }
        let info = try MediaProbe.probe(source)
        let spans = IntervalPlanner.plan(info, interval: interval)
        let speech = BenchClip.speech()
        let clips: @Sendable (ChunkSpan) -> [SpeechClip] = { [SpeechClip(start: $0.start + 1, samples: speech)] }

        // Ours, one chunk at a time (per-chunk cost), then two at a time (throughput on 2 cores).
        let sequentialFolder = folder.appendingPathComponent("ours-sequential")
        let assembler = try ChunkAssembler(source: source, info: info, directory: sequentialFolder)
        var perChunk: [Measurement] = []
        let startWall = Date()
        try assembler.writeInitSegment()
        for span in spans {
            perChunk.append(try Measurement.of { _ = try assembler.assemble(span, speech: clips(span)) })
            Console.write("\r  ours: chunk \(span.index + 1)/\(spans.count)")
        }
        try FinalAssembler.assemble(directory: sequentialFolder, spans: spans)
        let sequential = Measurement(wall: Date().timeIntervalSince(startWall), cpu: perChunk.reduce(0) { $0 + $1.cpu })
        print()

        let parallelFolder = folder.appendingPathComponent("ours-parallel")
        let parallelAssembler = try ChunkAssembler(source: source, info: info, directory: parallelFolder)
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
        if let ffmpeg {
            let commentary = folder.appendingPathComponent("commentary.mp3")
            try ExternalTool.run(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                                          "sine=frequency=180:sample_rate=44100:duration=3", commentary.path])
            for span in spans.prefix(quick ? 1 : baselineChunks) {
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
                Console.write("\r  replaced tool: chunk \(baseline.count)")
            }
            print()
        }
        report(info: info, spans: spans, perChunk: perChunk, sequential: sequential, parallel: parallel, baseline: baseline)
    }

    private func report(info: MediaInfo, spans: [ChunkSpan], perChunk: [Measurement], sequential: Measurement,
                        parallel: Measurement, baseline: [Measurement]) {
        let compared = perChunk.prefix(baseline.count)
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let oursWall = mean(compared.map(\.wall)), oursCPU = mean(compared.map(\.cpu))
        let theirsWall = mean(baseline.map(\.wall)), theirsCPU = mean(baseline.map(\.cpu))
        print(String(format: "\nvideo: %.1f s %dx%d, %d chunks of ~%.0f s", info.duration, info.video.width, info.video.height, spans.count, interval))
        print("| measure | ours | replaced tool | ratio |")
        print("|---|---|---|---|")
        if !baseline.isEmpty {
            print(String(format: "| wall time per chunk (first %d) | %.3f s | %.3f s | %.1fx less |", baseline.count, oursWall, theirsWall, theirsWall / oursWall))
            print(String(format: "| CPU time per chunk (first %d) | %.3f s | %.3f s | %.1fx less |", baseline.count, oursCPU, theirsCPU, theirsCPU / oursCPU))
        } else {
            print("| per chunk | — | skipped: ffmpeg not on PATH | — |")
        }
        print(String(format: "| whole video, 1 chunk at a time | %.2f s (%.0fx real time) | | |", sequential.wall, info.duration / sequential.wall))
        print(String(format: "| whole video, 2 at a time | %.2f s (%.0fx real time), %.2f CPU s | | |", parallel.wall, info.duration / parallel.wall, parallel.cpu))
    }
}

/// Errors collected from concurrent work.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []

    func add(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}
