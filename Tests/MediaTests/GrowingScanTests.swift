import Foundation
import Testing
import TestSupport
@testable import Media

/// A Matroska, MPEG-TS or fragmented MP4 upload is read while it arrives: its keyframes as
/// their bytes come, and a chunk's media from the chunk's own bytes, never from bytes beyond.
@Suite(.timeLimit(.minutes(10))) struct GrowingScanTests {
    static let source: Result<URL, any Error> = Result {
        try TestFiles.generate("growing40.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-t", "40", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "50", "-keyint_min", "50",
            "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
        ])
    }

    /// The clip in another container (made once per test run).
    static func variant(_ kind: String) throws -> URL {
        let variants = [
            "mkv": ("growing40.mkv", ["-f", "matroska"]),
            "ts": ("growing40.ts", ["-bsf:v", "h264_mp4toannexb", "-f", "mpegts"]),
            "fmp4": ("growing40-frag.mp4", ["-movflags", "frag_keyframe+empty_moov+default_base_moof"]),
        ]
        guard let (name, arguments) = variants[kind] else { return try source.get() }
        let url = TestFiles.folder.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) {
            // Written aside and moved in: a test running alongside never reads a half-made file.
            let partial = TestFiles.folder.appendingPathComponent("\(UUID().uuidString)-\(name)")
            try Tools.ffmpeg(["-i", try source.get().path, "-c", "copy"] + arguments + [partial.path])
            if (try? FileManager.default.moveItem(at: partial, to: url)) == nil { try? FileManager.default.removeItem(at: partial) }
        }
        return url
    }

    @Test(arguments: ["mkv", "ts", "fmp4"])
    func aChunkIsReadFromItsOwnBytes(kind: String) throws {
        let growing = try GrowingFile(copying: try Self.variant(kind), fraction: 0.4)
        let scan = try MediaScan(growing.source)
        var keyframes: [Keyframe] = []
        while (keyframes.last?.time ?? 0) < 12, case .keyframes(let more) = try scan.next() { keyframes += more }
        try #require(keyframes.count == 7)
        #expect(scan.info.duration == .infinity)
        let info = scan.info
        // What detection reads (sound, keyframe pictures) and what assembly reads.
        let sound = try AudioDecoder(source: growing.source, info: info).decode(from: AudioGrid.sample(at: 6), count: 3 * 44_100)
        #expect(sound.contains { $0 != 0 })
        let pictures = try KeyframePictures.histograms(source: growing.source, info: info, from: 4, to: 10)
        #expect(pictures.count == 3)
        let span = ChunkSpan(index: 1, interval: 1, start: keyframes[2].time, end: keyframes[4].time,
                             startKeyframePts: keyframes[2].pts, endKeyframePts: keyframes[4].pts)
        let chunk = try ChunkAssembler(source: growing.source, info: info, directory: TestFiles.scratch("growing-out")).assemble(span)
        #expect(abs(try Tools.formatDuration(chunk.mp4) - 4) < 0.05)
        // Nothing read past the stored 40 %.
        #expect(growing.progress.missedReads.isEmpty)
    }

    /// Read to its end, the scan says what a probe of the whole file says.
    @Test(arguments: ["mkv", "ts", "fmp4", "mp4"])
    func theScanEndsWithTheProbesAnswer(kind: String) throws {
        let url = try Self.variant(kind)
        let scan = try MediaScan(MediaSource(url))
        var keyframes: [Keyframe] = []
        var end: MediaInfo?
        while end == nil {
            switch try scan.next() {
            case .keyframes(let more): keyframes += more
            case .end(let info): end = info
            }
        }
        let probed = try MediaProbe.probe(MediaSource(url), method: .scan)
        #expect(end == probed)
        #expect(keyframes == probed.keyframes)
    }

    /// A whole MPEG-TS file has no index: FFmpeg's search by timestamp can land past a chunk's
    /// keyframe, and the chunk is still found (each chunk of a broadcast-like stream, 720p with
    /// B-frames).
    @Test func everyChunkOfAWholeMPEGTSFileIsFound() throws {
        let url = try TestFiles.generate("whole720.ts", [
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "24", "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "2", "-f", "mpegts",
        ])
        let info = try MediaProbe.probe(url)
        let spans = IntervalPlanner.plan(info, interval: 6)
        let assembler = try ChunkAssembler(source: MediaSource(url), info: info, directory: TestFiles.scratch("ts-whole-out"))
        for span in spans {
            let chunk = try assembler.assemble(span)
            #expect(abs(try Tools.formatDuration(chunk.mp4) - span.duration) < 0.1, "chunk \(span.index)")
        }
    }

    /// Matroska keeps no decode times: chunks get them from the presentation times.
    @Test func aMatroskaChunkHasDecodeTimes() throws {
        let url = try Self.variant("mkv")
        let info = try MediaProbe.probe(url)
        let spans = IntervalPlanner.plan(info, interval: 10)
        let assembler = try ChunkAssembler(source: MediaSource(url), info: info, directory: TestFiles.scratch("mkv-out"))
        for span in spans.prefix(2) {
            let files = try assembler.assemble(span)
            #expect(abs(try Tools.formatDuration(files.mp4) - span.duration) < 0.05)
        }
    }
}
