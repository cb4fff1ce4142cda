import Foundation
import Testing
import Media
import SessionModel
import TestSupport
@testable import Commentary

/// The local detector on generated clips with known sound events (CI has no real clips).
@Suite(.timeLimit(.minutes(10))) struct LocalEventDetectorTests {
    static func detect(_ source: URL, from start: Double, to end: Double, speech: SpeechPresence? = nil) async throws -> [DetectedEvent] {
        let info = try MediaProbe.probe(source)
        let request = DetectionRequest(source: MediaSource(source), info: info, interval: 0, start: start, end: min(end, info.duration))
        return try await LocalEventDetector(speech: speech).detect(request)
    }

    static func sound(_ events: [DetectedEvent]) -> [DetectedEvent] { events.filter { $0.kind != DetectedEvent.cut } }

    @Test func aSustainedRoarIsOneEventWithItsExtent() async throws {
        let events = Self.sound(try await Self.detect(try EventClips.roar40.get(), from: 0, to: 40))
        #expect(events.count == 1, "\(events)")
        let roar = try #require(events.first)
        #expect(roar.kind == DetectedEvent.crowdRoar)
        #expect(abs(roar.t - EventClips.roar.start) <= 0.5, "\(roar)")
        #expect(abs(roar.until - EventClips.roar.end) <= 1.5, "\(roar)")
        #expect(roar.peak.map { $0 > roar.t && $0 < roar.until } == true, "\(roar)")
        #expect((roar.salience ?? 0) > 0.5)
    }

    @Test func theRoarBelongsToTheIntervalOfItsOnset() async throws {
        let source = try EventClips.roar40.get()
        // Either order, each interval alone: the roar starts in the first and goes on into the second.
        let second = Self.sound(try await Self.detect(source, from: 26, to: 40))
        let first = Self.sound(try await Self.detect(source, from: 0, to: 26))
        #expect(first.count == 1 && first.first?.kind == DetectedEvent.crowdRoar, "\(first)")
        #expect(second.isEmpty, "\(second)")
        // It looks ahead 3 s at most: the first interval sees the roar going on at 29 s.
        #expect((first.first?.until ?? 0) <= 29.5, "\(first)")
    }

    /// A live interval hears nothing past its end: a roar that starts just before it ends is
    /// not loud long enough yet, so the next interval reports it (at its own start), once.
    @Test func aRoarAtTheEndOfALiveIntervalIsReportedByTheNextOne() async throws {
        let source = try EventClips.roar40.get()
        let info = try MediaProbe.probe(source)
        func live(_ start: Double, _ end: Double, lookAhead: Double?) async throws -> [DetectedEvent] {
            let request = DetectionRequest(source: MediaSource(source), info: info, interval: 0, start: start, end: end, lookAhead: lookAhead)
            return Self.sound(try await LocalEventDetector(speech: nil).detect(request))
        }
        let boundary = EventClips.roar.start + 0.3
        let before = try await live(boundary - 3, boundary, lookAhead: 0)
        let after = try await live(boundary, boundary + 3, lookAhead: 0)
        #expect(before.isEmpty, "\(before)")
        #expect(after.count == 1 && after.first?.kind == DetectedEvent.crowdRoar, "\(after)")
        #expect(after.first.map { abs($0.t - boundary) < 0.001 } == true, "at the interval's start: \(after)")
        // With 3 s of look-ahead the interval of its onset tells it, and the next one does not.
        let heard = try await live(boundary - 3, boundary, lookAhead: 3)
        let next = try await live(boundary, boundary + 3, lookAhead: 3)
        #expect(heard.count == 1 && abs((heard.first?.t ?? 0) - EventClips.roar.start) <= 0.5, "\(heard)")
        #expect(next.isEmpty, "\(next)")
    }

    /// Wherever a live boundary falls near the roar's onset, one of the two intervals tells it.
    @Test(arguments: [-0.2, 0.1, 0.6, 1.0, 1.5])
    func aRoarNearALiveBoundaryIsToldOnce(offset: Double) async throws {
        let source = try EventClips.roar40.get()
        let info = try MediaProbe.probe(source)
        let boundary = EventClips.roar.start + offset
        var told: [DetectedEvent] = []
        for (start, end) in [(boundary - 3, boundary), (boundary, boundary + 3)] {
            let request = DetectionRequest(source: MediaSource(source), info: info, interval: 0, start: start, end: end, lookAhead: 0)
            told += Self.sound(try await LocalEventDetector(speech: nil).detect(request))
        }
        #expect(told.count == 1 && told.first?.kind == DetectedEvent.crowdRoar, "\(told)")
    }

    @Test func findsTheWhistleAndTheCut() async throws {
        let events = try await Self.detect(try EventClips.whistle70.get(), from: 30, to: 65)
        #expect(events.contains { $0.kind == DetectedEvent.whistle && abs($0.t - EventClips.whistle) <= 0.3 }, "\(events)")
        #expect(events.contains { $0.kind == DetectedEvent.cut && abs($0.t - EventClips.cut) <= 0.1 }, "\(events)")
        #expect(events.filter { $0.kind != DetectedEvent.whistle && $0.kind != DetectedEvent.cut }.isEmpty, "\(events)")
    }

    @Test func applauseIsApplause() async throws {
        let events = Self.sound(try await Self.detect(try EventClips.applause30.get(), from: 0, to: 30))
        #expect(events.count == 1, "\(events)")
        #expect(events.first?.kind == DetectedEvent.applause, "\(events)")
        #expect(abs((events.first?.t ?? 0) - EventClips.applause.start) <= 0.5, "\(events)")
    }

    @Test func aVoiceLikeHarmonicToneIsNoWhistle() async throws {
        let events = try await Self.detect(try EventClips.voice30.get(), from: 0, to: 30)
        #expect(!events.contains { $0.kind == DetectedEvent.whistle }, "\(events)")
    }

    @Test func aLoudStartWithoutABaselineIsNoEvent() async throws {
        let events = Self.sound(try await Self.detect(try EventClips.loudStart30.get(), from: 0, to: 5))
        #expect(events.isEmpty, "\(events)")
    }

    @Test func quietFlatSoundHasNoEvents() async throws {
        let source = try EventClips.flat30.get()
        var events: [DetectedEvent] = []
        for start in stride(from: 0.0, to: 30, by: 10) { events += try await Self.detect(source, from: start, to: start + 10) }
        #expect(events.isEmpty, "\(events)")
    }

    @Test func mergesEventsCloserThanASecond() {
        let merged = EventMerger().merge([
            DetectedEvent(t: 10, kind: "cut", confidence: 0.9, label: "scene cut"),
            DetectedEvent(t: 10.4, kind: "crowd_roar", confidence: 0.6, label: "crowd roar"),
            DetectedEvent(t: 12, kind: "crowd_roar", confidence: 0.6, label: "crowd roar"),
        ])
        #expect(merged.count == 2)
        #expect(merged[0].kind == "cut" && merged[0].label.contains("crowd_roar"))
    }

    @Test func itsCacheKeyIsNotTheOldDetectors() {
        let detector = LocalEventDetector(speech: nil)
        #expect(detector.name == "local")
        #expect(detector.cacheKey != detector.name)
    }
}
