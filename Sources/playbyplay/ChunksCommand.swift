import ArgumentParser
import Foundation
import Media

/// Assembles a video's chunks without commentary (the media core alone): the chunk MP4s,
/// the fMP4 segments, the HLS playlist and final.mp4.
struct ChunksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chunks", abstract: "Cuts a video into playable chunks, an HLS playlist and final.mp4 (no commentary).")

    @Argument(help: "The video file.") var video: String
    @Option(help: "Output folder.") var out: String = "out"
    @Option(help: "Interval length in seconds.") var interval: Double = 30

    func run() throws {
        guard (5...120).contains(interval) else {
            throw ValidationError("--interval must be between 5 and 120 seconds")
        }
        let started = Date()
        let source = URL(fileURLWithPath: video)
        let directory = URL(fileURLWithPath: out)
        try CLIErrors.report { () throws in
            let info = try MediaProbe.probe(source)
            let spans = IntervalPlanner.plan(info, interval: interval)
            let assembler = try ChunkAssembler(source: MediaSource(source), info: info, directory: directory)
            try assembler.writeInitSegment()
            var ready = Set<Int>()
            let playlist = HLSPlaylist(spans: spans)
            for span in spans {
                _ = try assembler.assemble(span)
                ready.insert(span.index)
                try? playlist.render(ready: ready).write(to: directory.appendingPathComponent(OutputNames.playlist),
                                                         atomically: true, encoding: .utf8)
                print(String(format: "chunk %d  %.2f-%.2f s", span.index, span.start, span.end))
            }
            try FinalAssembler.assemble(directory: directory, spans: spans)
            let elapsed = Date().timeIntervalSince(started)
            print(String(format: "%d chunks, %.1f s of video in %.2f s (%.1fx real time) → %@",
                         spans.count, info.duration, elapsed, info.duration / elapsed, directory.path))
        }
    }
}
