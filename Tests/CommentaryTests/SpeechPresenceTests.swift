import Foundation
import Testing
import SessionModel
import TestSupport
@testable import Commentary

/// The voice-activity model inside detection: a loud stretch that is the commentator talking
/// is not a crowd roar. Skipped where ONNX Runtime or silero_vad.onnx is not installed.
@Suite(.timeLimit(.minutes(10)), .enabled(if: SpeechPresence.shared != nil, "ONNX Runtime and silero_vad.onnx are not installed (./scripts/setup)"))
struct SpeechPresenceTests {
    /// 30 s of quiet crowd with a loud spoken passage from 15 s.
    static let talk30: Result<URL, any Error> = Result {
        let folder = TestFiles.scratch("talk")
        let raw = folder.appendingPathComponent("speech.f32")
        let text = "And here they come again, down the left side, the cross is in, and it is cleared away for a corner."
        let spoken = try awaitResult { try await EspeakSynthesizer().speak(text, voice: "en-us", maxDuration: 12) }
        try spoken.samples.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: raw)
        return try TestFiles.generate("talk30.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=30",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:sample_rate=48000:amplitude=0.02:seed=7:duration=30",
            "-f", "f32le", "-ar", "44100", "-ac", "1", "-i", raw.path,
            "-filter_complex", "[2:a]adelay=15000,volume=4[s];[1:a][s]amix=inputs=2:normalize=0:duration=first,aformat=channel_layouts=stereo[a]",
            "-map", "0:v", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k",
        ])
    }

    @Test func loudTalkIsNoCrowdRoar() async throws {
        let source = try Self.talk30.get()
        let withModel = try await LocalEventDetectorTests.detect(source, from: 0, to: 30, speech: SpeechPresence.shared)
        #expect(!withModel.contains { $0.kind == DetectedEvent.crowdRoar }, "\(withModel)")
        // Without the model the same stretch is a roar, and says how it was found.
        let without = try await LocalEventDetectorTests.detect(source, from: 0, to: 30)
        #expect(without.contains { $0.kind == DetectedEvent.crowdRoar && $0.label.contains("no voice activity model") }, "\(without)")
    }

    @Test func theModelHearsSpeechNotNoise() throws {
        let presence = try #require(SpeechPresence.shared)
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<32_000).map { _ in Float.random(in: -0.2...0.2, using: &generator) }
        #expect((try presence.probabilities(noise).max() ?? 1) < 0.3)
    }
}

/// Runs async work to completion from synchronous code (a test clip's generator).
private func awaitResult<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
