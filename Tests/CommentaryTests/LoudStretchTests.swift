import Testing
@testable import Commentary

/// The pure parts of loudness detection on made-up level curves (100 ms frames).
@Suite(.timeLimit(.minutes(10))) struct LoudStretchTests {
    /// 30 s at -30 LUFS with a roar at +12 dB from 20 to 25 s.
    static let levels: [Double] = (0..<300).map { (i: Int) -> Double in
        if i >= 200 && i < 250 { return -18 }
        let ripple = Double(i % 3) * 0.5
        return -30 + ripple
    }

    @Test func theBaselineIsALowPercentileOfThePastAndIgnoresTheRoar() {
        let base = RollingBaseline().baseline(Self.levels, pastBeforeFirst: 0)
        #expect(base[150] <= -29.5 && base[150] >= -30.5)
        // 5 s into the roar the baseline has not moved.
        #expect(base[249] <= -29.5)
    }

    @Test func theFirstSecondsAreMeasuredAgainstWhatFollows() {
        // Loud for the first 2 s (+6 dB), then steady: no baseline yet, and not far above what follows.
        let levels: [Double] = (0..<300).map { (i: Int) -> Double in i < 20 ? -24 : -30 }
        let base = RollingBaseline().baseline(levels, pastBeforeFirst: 0)
        let stretches = LoudStretchFinder().find(level: levels, baseline: base)
        #expect(stretches.isEmpty, "\(stretches)")
        // With a long past (an interval later in the video), the percentile applies at once.
        #expect(RollingBaseline().baseline(levels, pastBeforeFirst: 1_000)[200] == -30)
    }

    @Test func aSustainedRoarIsOneStretchWithOnsetPeakAndEnd() {
        let base = RollingBaseline().baseline(Self.levels, pastBeforeFirst: 0)
        let stretches = LoudStretchFinder().find(level: Self.levels, baseline: base)
        #expect(stretches.count == 1)
        let roar = stretches[0]
        #expect(roar.onset >= 195 && roar.onset <= 200)
        #expect(roar.end == 249)
        #expect(roar.excess >= 11)
        #expect(!roar.open)
    }

    @Test func aGradualRiseIsNoRoarButASecondJumpIsANewOne() {
        // Rising 0.1 dB a frame for 10 s (no jump), then a sudden +12 dB.
        let levels: [Double] = (0..<400).map { (i: Int) -> Double in
            if i < 150 { return -30 }
            if i < 250 { return -30 + Double(i - 150) * 0.1 }
            return i < 300 ? -20 : 2
        }
        let base = RollingBaseline().baseline(levels, pastBeforeFirst: 0)
        let stretches = LoudStretchFinder().find(level: levels, baseline: base)
        #expect(stretches.map(\.onset).allSatisfy { $0 >= 289 }, "\(stretches)")
        #expect(stretches.count == 1)
        #expect(stretches.last?.open == true)
    }

    @Test func salienceRanksAgainstWhatCameBefore() {
        let scale = SalienceScale()
        let big = scale.salience(excess: 20, earlier: [8, 9, 10])
        let ordinary = scale.salience(excess: 8, earlier: [12, 15, 20])
        #expect(big == 1)
        #expect(ordinary < 0.3)
        #expect(scale.salience(excess: 8, earlier: [12, 15, 20]) == ordinary)
    }

    @Test func speechSharesComeFromTheTrack() {
        let track = SpeechTrack(start: 10, step: 0.032, probabilities: [Float](repeating: 0.9, count: 50) + [Float](repeating: 0.1, count: 50))
        #expect(track.share(from: 10, to: 11.5) ?? 0 > 0.9)
        #expect(track.share(from: 11.7, to: 13) ?? 1 < 0.1)
        #expect(track.share(from: 0, to: 5) == nil)
    }
}
