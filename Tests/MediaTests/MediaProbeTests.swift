import Foundation
import TestSupport
import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct MediaProbeTests {
    @Test func readsStreamsDurationAndKeyframesWithoutDecoding() throws {
        let info = try MediaProbe.probe(try GeneratedClips.sine95.get())
        #expect(info.container == "mp4")
        #expect(abs(info.duration - 95) < 0.001)
        #expect(info.video.codec == "h264")
        #expect(info.video.width == 640 && info.video.height == 360)
        #expect(info.video.fps == 25)
        #expect(info.video.frameCount == 95 * 25)
        #expect(info.audio?.sampleRate == 48_000)
        #expect(info.audio?.channels == 2)
        #expect(info.presentedKeyframeTimes == stride(from: 0, to: 95, by: 2).map(Double.init))
    }

    @Test func aVideoWithoutSoundHasNoAudioStream() throws {
        let info = try MediaProbe.probe(try GeneratedClips.silentVideo.get())
        #expect(info.audio == nil)
        #expect(!info.hasAudio)
        #expect(abs(info.duration - 12) < 0.001)
    }

    @Test func transportStreamTimesStartAtZero() throws {
        let info = try MediaProbe.probe(try GeneratedClips.transportStream.get())
        #expect(info.container == "mpegts")
        #expect(abs(info.duration - 12) < 0.05)
        #expect(info.presentedKeyframeTimes.first.map { abs($0) < 0.05 } == true)
    }

    @Test func anEditListHidesPreRollFrames() throws {
        guard let clip = GeneratedClips.sharedClip("soccer_laliga_21s.mp4") else { return }
        let info = try MediaProbe.probe(clip)
        #expect(abs(info.duration - 21.02) < 0.05)
        #expect(info.keyframes.first.map { $0.time < -4.5 } == true)
        let presented = info.presentedKeyframeTimes.map { ($0 * 100).rounded() / 100 }
        #expect(presented.prefix(5) == [1.0, 5.34, 10.34, 15.35, 19.95])
        #expect(abs(info.video.fps - 29.97) < 0.01)
    }
}

@Suite(.timeLimit(.minutes(10))) struct BadInputTests {
    private func write(_ name: String, _ text: String) throws -> URL {
        let url = GeneratedClips.scratch("bad").appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func reason(_ url: URL) -> MediaError.Reason? {
        do {
            _ = try MediaProbe.probe(url)
            return nil
        } catch {
            #expect(!error.message.isEmpty)
            return error.reason
        }
    }

    @Test func aMissingFileIsNotFound() {
        #expect(reason(URL(fileURLWithPath: "/nonexistent/match.mp4")) == .fileNotFound)
    }

    @Test func anEmptyFileIsRefused() throws {
        #expect(reason(try write("empty.mp4", "")) == .emptyFile)
    }

    @Test func aTextFileIsNotAVideo() throws {
        #expect(reason(try write("notes.mp4", String(repeating: "the quick brown fox jumps over the lazy dog\n", count: 200))) == .unsupportedFormat)
    }

    @Test func aTruncatedFileIsCorrupt() throws {
        let source = try GeneratedClips.silentVideo.get()
        let bytes = try Data(contentsOf: source)
        let folder = GeneratedClips.scratch("truncated")
        // moov at the end (as ffmpeg writes by default) and cut off.
        let cut = folder.appendingPathComponent("cut.mp4")
        try bytes.prefix(bytes.count / 2).write(to: cut)
        #expect(reason(cut) == .corruptFile)
        // moov first, data cut off.
        let faststart = folder.appendingPathComponent("faststart.mp4")
        try Tools.ffmpeg(["-i", source.path, "-c", "copy", "-movflags", "+faststart", faststart.path])
        let fast = try Data(contentsOf: faststart)
        let cutFast = folder.appendingPathComponent("cut-faststart.mp4")
        try fast.prefix(fast.count / 2).write(to: cutFast)
        #expect(reason(cutFast) == .corruptFile)
    }

    @Test func soundWithoutVideoIsRefused() throws {
        #expect(reason(try GeneratedClips.audioOnly.get()) == .noVideoStream)
    }

    /// An HLS playlist disguised as a video names a local file: it must be refused before
    /// anything it references is opened (the hls demuxer is never used).
    @Test func aPlaylistDisguisedAsAVideoIsRefused() throws {
        let secret = try GeneratedClips.sine95.get()
        let playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n\(secret.path)\n#EXTINF:10.0,\nfile://\(secret.path)\n#EXT-X-ENDLIST\n"
        for name in ["match.mp4", "match.m3u8", "match.ts"] {
            let url = try write(name, playlist)
            #expect(reason(url) == .unsupportedFormat)
            do { _ = try MediaProbe.probe(url) } catch { #expect(error.message.contains("hls") || error.message.contains("not a video")) }
        }
    }

    @Test func aConcatScriptIsRefused() throws {
        let secret = try GeneratedClips.sine95.get()
        #expect(reason(try write("list.mp4", "ffconcat version 1.0\nfile '\(secret.path)'\n")) == .unsupportedFormat)
    }

    @Test func aDirectoryIsNotAVideo() {
        #expect(reason(GeneratedClips.folder) == .unsupportedFormat)
    }
}
