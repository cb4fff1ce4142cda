import Foundation
import Testing
import Media
import SessionModel
import TestSupport
@testable import Commentary

@Suite struct LocalEventDetectorTests {
    private func detect(_ source: URL, from start: Double, to end: Double) async throws -> [DetectedEvent] {
        let info = try MediaProbe.probe(source)
        return try await LocalEventDetector().detect(DetectionRequest(source: source, info: info, interval: 0, start: start, end: min(end, info.duration)))
    }

    @Test func findsEveryBurstWithinASecond() async throws {
        let source = try EventClips.crowd95.get()
        var events: [DetectedEvent] = []
        for start in stride(from: 0.0, to: 95, by: 30) { events += try await detect(source, from: start, to: start + 30) }
        let peaks = events.filter { $0.kind == DetectedEvent.crowdPeak || $0.label.contains(DetectedEvent.crowdPeak) }
        for burst in EventClips.bursts {
            #expect(peaks.contains { abs($0.t - burst) <= 1 }, "no crowd_peak near \(burst) s in \(peaks.map(\.t))")
        }
        #expect(peaks.count == EventClips.bursts.count, "\(peaks.map(\.t))")
        #expect(peaks.allSatisfy { $0.confidence > 0.5 })
    }

    @Test func findsTheWhistleAndTheCut() async throws {
        let source = try EventClips.crowd95.get()
        let events = try await detect(source, from: 30, to: 65)
        #expect(events.contains { $0.kind == DetectedEvent.whistle && abs($0.t - EventClips.whistle) <= 0.5 }, "\(events)")
        #expect(events.contains { $0.kind == DetectedEvent.cut && abs($0.t - EventClips.cut) <= 0.1 }, "\(events)")
        #expect(events.filter { $0.kind == DetectedEvent.crowdPeak }.allSatisfy { abs($0.t - 50) <= 1 }, "\(events)")
    }

    @Test func mergesEventsCloserThanASecond() {
        let merged = EventMerger().merge([
            DetectedEvent(t: 10, kind: "cut", confidence: 0.9, label: "scene cut"),
            DetectedEvent(t: 10.4, kind: "crowd_peak", confidence: 0.6, label: "crowd roar"),
            DetectedEvent(t: 12, kind: "crowd_peak", confidence: 0.6, label: "crowd roar"),
        ])
        #expect(merged.count == 2)
        #expect(merged[0].kind == "cut" && merged[0].label.contains("crowd_peak"))
    }

    @Test func thePowerSpectrumPeaksAtAToneFrequency() {
        let rate = 44_100.0
        let tone = (0..<4096).map { Float(sin(2 * .pi * 3000 * Double($0) / rate)) }
        let power = PowerSpectrum(size: 4096)(tone[...])
        let peak = power.indices.max { power[$0] < power[$1] }!
        #expect(abs(Double(peak) * rate / 4096 - 3000) < 11)
    }

    @Test(arguments: [(16, 16), (64, 64), (256, 200)])
    func thePowerSpectrumEqualsADirectTransform(size: Int, samples count: Int) {
        // A deterministic mixture: two tones and a ramp, partly zero-padded when count < size.
        let samples: [Float] = (0..<count).map { n in
            let t = Double(n)
            let tones: Double = 0.5 * sin(t * 0.7) + 0.25 * cos(t * 2.1)
            return Float(tones + Double(n % 7) / 20)
        }
        let power = PowerSpectrum(size: size)(samples[...])
        #expect(power.count == size / 2 + 1)
        for k in 0...(size / 2) {
            var re = 0.0, im = 0.0
            for (n, sample) in samples.enumerated() {
                let hann: Double = 0.5 - 0.5 * cos(2 * Double.pi * Double(n) / Double(size))
                let angle: Double = -2 * Double.pi * Double(k * n) / Double(size)
                re += Double(sample) * hann * cos(angle)
                im += Double(sample) * hann * sin(angle)
            }
            let direct = re * re + im * im
            let tolerance: Double = 1e-9 * max(1, direct)
            #expect(abs(power[k] - direct) <= tolerance, "bin \(k): \(power[k]) vs \(direct)")
        }
    }

    /// The loud moments MANIFEST.md marks (≥ 6 dB over the median) are found.
    @Test func findsTheLoudMomentsOfARealMatch() async throws {
        guard let source = TestFiles.sharedClip("soccer_laliga_21s.mp4") else { return }
        let events = try await detect(source, from: 0, to: 30)
        let peaks = events.filter { $0.kind == DetectedEvent.crowdPeak || $0.label.contains(DetectedEvent.crowdPeak) }
        for moment in [16.0, 20.0] {
            #expect(peaks.contains { $0.t >= moment - 1 && $0.t < moment + 2 }, "nothing near \(moment) s in \(peaks.map(\.t))")
        }
    }
}
