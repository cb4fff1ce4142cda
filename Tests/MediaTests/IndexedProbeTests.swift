import Foundation
import Testing
import TestSupport
@testable import Media

/// An upload in progress is probed from its MP4 index; the answer must be the one reading
/// every packet gives.
@Suite(.timeLimit(.minutes(10))) struct IndexedProbeTests {
    private func compare(_ url: URL) throws {
        let scanned = try MediaProbe.probe(MediaSource(url), method: .scan)
        let indexed = try MediaProbe.probe(MediaSource(url), method: .index)
        #expect(indexed.keyframes == scanned.keyframes)
        // The index cannot see which stored frame an edit list shows last: within two frames.
        #expect(abs(indexed.duration - scanned.duration) < 2 / scanned.video.fps)
        #expect(indexed.video.firstDts == scanned.video.firstDts)
        #expect(indexed.video.firstPts == scanned.video.firstPts)
        #expect(indexed.video.frameCount == scanned.video.frameCount)
        #expect(abs(indexed.video.fps - scanned.video.fps) < 0.05)
        let a = IntervalPlanner.plan(indexed, interval: 5), b = IntervalPlanner.plan(scanned, interval: 5)
        #expect(a.map(\.start) == b.map(\.start) && a.map(\.startKeyframePts) == b.map(\.startKeyframePts))
    }

    @Test func theIndexGivesWhatScanningGives() throws {
        try compare(try GeneratedClips.sine95.get())
        for name in ["soccer_laliga_21s.mp4", "soccer_seriea_33s.mp4", "basketball_7s.mp4"] {
            if let clip = TestFiles.sharedClip(name) { try compare(clip) }
        }
    }

    /// A growing file is read as its bytes arrive: the probe waits for the index, then knows
    /// the whole plan while most of the media data is still missing.
    @Test func aGrowingFileIsProbedBeforeItIsWhole() async throws {
        let source = try GeneratedClips.sine95.get()
        let faststart = TestFiles.scratch("growing").appendingPathComponent("whole.mp4")
        try Tools.ffmpeg(["-i", source.path, "-c", "copy", "-movflags", "+faststart", faststart.path])
        let bytes = try Data(contentsOf: faststart)
        let growing = faststart.deletingLastPathComponent().appendingPathComponent("upload.bin")
        FileManager.default.createFile(atPath: growing.path, contents: nil)
        let progress = UploadProgress(declaredSize: Int64(bytes.count))
        let handle = try FileHandle(forWritingTo: growing)
        let quarter = bytes.count / 4
        try handle.write(contentsOf: bytes.prefix(quarter))
        progress.advance(to: Int64(quarter))
        let info = try MediaProbe.probe(MediaSource(growing, growing: progress))
        #expect(abs(info.duration - 95) < 0.05)
        #expect(info.presentedKeyframeTimes.count == 48)
        // Chunk 0's media is in the first quarter; reading it does not wait for the rest.
        let spans = IntervalPlanner.plan(info, interval: 10)
        let assembler = try ChunkAssembler(source: MediaSource(growing, growing: progress), info: info, directory: TestFiles.scratch("growing-out"))
        try assembler.writeInitSegment()
        let first = try assembler.assemble(spans[0])
        #expect(abs(try Tools.formatDuration(first.mp4) - 10) < 0.05)
        // The rest arrives; the last chunk waits for it, then completes.
        let last = Task.detached { try assembler.assemble(spans[spans.count - 1]) }
        try handle.write(contentsOf: bytes.dropFirst(quarter))
        try handle.close()
        progress.advance(to: Int64(bytes.count))
        progress.finish()
        #expect(abs(try Tools.formatDuration(try await last.value.mp4) - 5) < 0.05)
    }
}
