import Foundation
import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct DuckingMixerTests {
    let mixer = DuckingMixer()
    let rate = Double(AudioGrid.sampleRate)

    private func clip(from start: Double, seconds: Double, value: Float = 0) -> SpeechClip {
        SpeechClip(start: start, samples: [Float](repeating: value, count: Int(seconds * rate)))
    }

    @Test func theOriginalIsDuckedInsideSpeechAndFullOutside() {
        let clips = [clip(from: 2, seconds: 3)]
        #expect(abs(mixer.gain(at: AudioGrid.sample(at: 3), clips: clips) - 0.2) < 1e-6)
        #expect(mixer.gain(at: AudioGrid.sample(at: 2.0), clips: clips) == 0.2)
        #expect(mixer.gain(at: AudioGrid.sample(at: 1.84), clips: clips) == 1)
        #expect(mixer.gain(at: AudioGrid.sample(at: 5.41), clips: clips) == 1)
    }

    @Test func rampsAreMonotonicAndTakeAttackAndRelease() {
        let clips = [clip(from: 2, seconds: 3)]
        let attackStart = AudioGrid.sample(at: 2 - 0.15), speechStart = AudioGrid.sample(at: 2)
        var previous: Float = 1
        for n in attackStart...speechStart {
            let g = mixer.gain(at: n, clips: clips)
            #expect(g <= previous + 1e-7)
            previous = g
        }
        let speechEnd = AudioGrid.sample(at: 5), releaseEnd = AudioGrid.sample(at: 5.4)
        previous = 0.2
        for n in speechEnd...releaseEnd {
            let g = mixer.gain(at: n, clips: clips)
            #expect(g >= previous - 1e-7)
            previous = g
        }
        #expect(abs(mixer.gain(at: (speechEnd + releaseEnd) / 2, clips: clips) - 0.6) < 0.01)
    }

    @Test func mixingDucksTheOriginalAndAddsTheSpeech() {
        var buffer = [Float](repeating: 0.5, count: Int(6 * rate) * 2)
        mixer.mix(&buffer, firstSample: 0, clips: [clip(from: 2, seconds: 3, value: 0.1)])
        let inside = AudioGrid.sample(at: 3.5).asInt * 2
        #expect(abs(buffer[inside] - (0.5 * 0.2 + 0.1)) < 1e-5)
        #expect(abs(buffer[inside + 1] - (0.5 * 0.2 + 0.1)) < 1e-5)
        #expect(abs(buffer[AudioGrid.sample(at: 1).asInt * 2] - 0.5) < 1e-6)
        #expect(abs(buffer[AudioGrid.sample(at: 5.5).asInt * 2] - 0.5) < 1e-6)
    }

    @Test func loudSpeechOverLoudSoundNeverClips() {
        var buffer = (0..<Int(rate) * 2).map { Float(sin(Double($0) * 0.05)) * 0.99 }
        let loud = SpeechClip(startSample: 1000, samples: [Float](repeating: 0.95, count: 20_000))
        DuckingMixer(duck: 1.0).mix(&buffer, firstSample: 0, clips: [loud])
        #expect(buffer.allSatisfy { abs($0) < 1 })
        #expect(buffer.contains { abs($0) > 0.95 })
    }

    @Test func theLimiterIsTransparentBelowItsThresholdAndContinuousAbove() {
        let limiter = SoftLimiter()
        #expect(limiter(0.5) == 0.5)
        #expect(limiter(-0.9) == -0.9)
        #expect(abs(limiter(0.9001) - 0.9001) < 1e-3)
        #expect(limiter(4) <= limiter.ceiling && limiter(4) >= limiter(2) && limiter(2) > limiter(0.95))
        #expect(limiter(-4) == -limiter(4))
    }

    @Test func speechIsKeptClearOfChunkBoundaries() {
        let start = AudioGrid.sample(at: 30), end = AudioGrid.sample(at: 60)
        let clips = [clip(from: 29, seconds: 2, value: 0.3), clip(from: 40, seconds: 2, value: 0.3), clip(from: 59.5, seconds: 1, value: 0.3)]
        let kept = mixer.confine(clips, toChunkFrom: start, to: end)
        #expect(kept.count == 2)
        #expect(kept[0].startSample == start + AudioGrid.sample(at: 0.2 + 0.15))
        #expect(kept[0].endSample == AudioGrid.sample(at: 31))
        #expect(kept[0].samples.first == 0)
        #expect(kept[1] == clips[1])
        let guardBand = AudioGrid.sample(at: 0.2)
        for n in [start - guardBand, start, start + guardBand, end - guardBand, end] {
            #expect(mixer.gain(at: n, clips: kept) == 1)
        }
    }
}
