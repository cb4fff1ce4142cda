import Foundation
import TestSupport
import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct SpeechDecoderTests {
    /// 2 s of a 440 Hz sine at lavfi's level (1/8) as ffmpeg's LAME writes it to a file: with
    /// the Info header that states the encoder delay and padding.
    private static let sineMP3: Result<URL, any Error> = Result {
        try TestFiles.generate("speech-sine.mp3", ["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "libmp3lame", "-b:a", "128k"])
    }

    private func make(_ name: String, _ arguments: [String]) throws -> URL {
        let url = TestFiles.scratch("speech").appendingPathComponent(name)
        try Tools.ffmpeg(arguments + [url.path])
        return url
    }

    /// What ffmpeg's own decoder makes of a file: mono float at 44.1 kHz.
    private func ffmpegDecoding(_ url: URL) throws -> [Float] {
        let data = try Tools.run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", url.path, "-f", "f32le", "-ac", "1", "-ar", "44100", "-"])
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    @Test func anMP3DecodesToItsLengthWithoutTheEncoderDelay() throws {
        let url = try Self.sineMP3.get()
        let samples = try SpeechDecoder.decode(contentsOf: url)
        let seconds = Double(samples.count) / Double(AudioGrid.sampleRate)
        #expect(abs(seconds - 2) < 0.003, "\(seconds) s")
        #expect(abs(Tone.frequency(samples) - 440) < 1, "\(Tone.frequency(samples)) Hz")
        // LAME at 128 kb/s gives the tone back about 5% quieter; ffmpeg's decoder hears the same.
        #expect(abs(Tone.level(samples) - 0.125 / 2.0.squareRoot()) < 0.006, "\(Tone.level(samples))")
        let reference = try ffmpegDecoding(url)
        #expect(reference.count == samples.count)
        #expect(zip(reference, samples).map { abs($0 - $1) }.max() ?? 1 < 1e-4)
        // The delay is trimmed: the tone starts at once (its first 50 samples rise past 0.1).
        #expect(samples.prefix(50).map(abs).max()! > 0.1)
    }

    @Test func bytesInMemoryDecodeAsTheFileDoes() throws {
        let url = try Self.sineMP3.get()
        let fromMemory = try SpeechDecoder.decode([UInt8](try Data(contentsOf: url)))
        #expect(fromMemory == (try SpeechDecoder.decode(contentsOf: url)))
    }

    @Test func aLowerRateIsResampledToTheOutputRate() throws {
        // ElevenLabs' mp3_22050_32.
        let url = try make("low.mp3", ["-f", "lavfi", "-i", "sine=frequency=300:sample_rate=22050:duration=1.5",
                                       "-c:a", "libmp3lame", "-b:a", "32k"])
        let samples = try SpeechDecoder.decode(contentsOf: url)
        let seconds = Double(samples.count) / Double(AudioGrid.sampleRate)
        #expect(abs(seconds - 1.5) < 0.005, "\(seconds) s")
        #expect(abs(Tone.frequency(samples) - 300) < 1, "\(Tone.frequency(samples)) Hz")
        #expect(abs(Tone.level(samples) - 0.125 / 2.0.squareRoot()) < 0.006, "\(Tone.level(samples))")
    }

    @Test func anMP3WithoutItsHeaderKeepsTheDelayButDecodes() throws {
        // A streamed MP3 (no Info header) cannot say how long its delay is.
        let url = try make("streamed.mp3", ["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "libmp3lame",
                                            "-write_xing", "0"])
        let samples = try SpeechDecoder.decode(contentsOf: url)
        let seconds = Double(samples.count) / Double(AudioGrid.sampleRate)
        #expect(seconds >= 2 && seconds < 2.06, "\(seconds) s")
        #expect(abs(Tone.frequency(samples) - 440) < 2, "\(Tone.frequency(samples)) Hz")
    }

    @Test func stereoIsAveragedToMono() throws {
        let url = try make("stereo.m4a", ["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-af", "pan=stereo|c0=c0|c1=c0",
                                          "-c:a", "aac"])
        let samples = try SpeechDecoder.decode(contentsOf: url)
        // FFmpeg 5.1 trims an MP4's AAC priming, not the padding of its last frame (ffmpeg's own decoding is as long).
        let seconds = Double(samples.count) / Double(AudioGrid.sampleRate)
        #expect(seconds >= 2 && seconds < 2 + 1_024 / 44_100.0, "\(seconds) s")
        #expect(abs(Tone.level(samples) - 0.125 / 2.0.squareRoot()) < 0.005, "\(Tone.level(samples))")
    }
}

@Suite(.timeLimit(.minutes(10))) struct BadSpeechTests {
    private func reason(_ bytes: [UInt8]) -> MediaError.Reason? {
        do {
            _ = try SpeechDecoder.decode(bytes)
            return nil
        } catch {
            #expect(!error.message.isEmpty)
            return error.reason
        }
    }

    private func mp3() throws -> [UInt8] {
        let url = TestFiles.scratch("bad-speech").appendingPathComponent("line.mp3")
        try Tools.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "libmp3lame", url.path])
        return [UInt8](try Data(contentsOf: url))
    }

    @Test func nothingIsEmpty() {
        #expect(reason([]) == .emptyFile)
    }

    @Test func textIsNotAudio() {
        #expect(reason(Array(String(repeating: "{\"detail\":{\"status\":\"error\"}}\n", count: 50).utf8)) == .unsupportedFormat)
    }

    @Test func noiseIsNotAudio() {
        var generator = SystemRandomNumberGenerator()
        #expect(reason((0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }) != nil)
    }

    @Test func aCutMP3IsCorrupt() throws {
        let bytes = try mp3()
        #expect(reason(Array(bytes.prefix(bytes.count / 2))) == .corruptFile)
    }

    @Test func anMP3WithItsMiddleOverwrittenNeverCrashes() throws {
        var bytes = try mp3()
        for i in stride(from: bytes.count / 3, to: bytes.count / 2, by: 7) { bytes[i] ^= 0x5A }
        do { _ = try SpeechDecoder.decode(bytes) } catch { #expect(!error.message.isEmpty) }
    }

    @Test func speechPastTheLimitIsRefused() throws {
        let bytes = try mp3()
        do {
            _ = try SpeechDecoder.decode(bytes, longest: 1.5)
            Issue.record("2 s of speech passed a 1.5 s limit")
        } catch {
            #expect(error.reason == .invalidArgument && error.message.contains("longer than 1.5 s"), "\(error)")
        }
    }

    @Test func aVideoWithoutSoundHasNoSpeech() throws {
        let url = try TestFiles.generate("speech-silent.mp4", ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "1",
                                                               "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"])
        #expect(reason([UInt8](try Data(contentsOf: url))) == .noAudioStream)
    }

    /// Only speech may be MP3; the list uploads are opened with stays video containers only.
    @Test func anUploadMayNotBeAnMP3() throws {
        let url = TestFiles.scratch("upload").appendingPathComponent("match.mp4")
        try Data(try mp3()).write(to: url)
        #expect(throws: MediaError.self) { try MediaProbe.probe(url) }
        do { _ = try MediaProbe.probe(url) } catch { #expect(error.reason == .unsupportedFormat && error.message.contains("'mp3'")) }
    }

    @Test func aPlaylistIsNotSpeech() throws {
        let secret = try TestFiles.generate("speech-secret.mp3", ["-f", "lavfi", "-i", "sine=duration=1", "-c:a", "libmp3lame"])
        let playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n\(secret.path)\n#EXT-X-ENDLIST\n"
        #expect(reason(Array(playlist.utf8)) == .unsupportedFormat)
    }
}
