import Foundation
import Testing
import Media
import SessionModel
import TestSupport
@testable import Commentary

/// The labelled moments of the shared real clips (../shared/media/labels.json); each test
/// skips where the clips are absent (CI).
@Suite(.timeLimit(.minutes(10))) struct SharedClipDetectionTests {
    func detect(_ name: String, interval: Double = 30) async throws -> [DetectedEvent]? {
        guard let source = TestFiles.sharedClip(name) else { return nil }
        let info = try MediaProbe.probe(source)
        var events: [DetectedEvent] = []
        for start in stride(from: 0.0, to: info.duration, by: interval) {
            let request = DetectionRequest(source: MediaSource(source), info: info, interval: 0, start: start, end: min(info.duration, start + interval))
            events += try await LocalEventDetector().detect(request)
        }
        return events
    }

    @Test func findsTheGoalRoarAndTheBadmintonCheers() async throws {
        if let events = try await detect("soccer_mancity_goal_portrait_20s.mp4") {
            #expect(events.contains { $0.kind == DetectedEvent.crowdRoar && $0.t >= 16 && $0.t <= 20 }, "\(events)")
        }
        if let events = try await detect("badminton_indiaopen_portrait_15s.mp4", interval: 5) {
            for moment in [6.0, 12.0] {
                #expect(events.contains { $0.kind == DetectedEvent.crowdRoar && abs($0.t - moment) <= 2 }, "nothing near \(moment) s in \(events)")
            }
        }
    }

    @Test func findsBothUmpireWhistlesAndNoRoarCalledWhistle() async throws {
        guard let events = try await detect("fieldhockey_penaltystroke_11s.mp4") else { return }
        for whistle in [5.12, 7.38] {
            #expect(events.contains { $0.kind == DetectedEvent.whistle && abs($0.t - whistle) <= 0.3 }, "no whistle at \(whistle) in \(events)")
        }
        if let roars = try await detect("soccer_mancity_goal_portrait_20s.mp4") {
            #expect(!roars.contains { $0.kind == DetectedEvent.whistle }, "\(roars)")
        }
    }

    @Test func flatClipsStayQuiet() async throws {
        for name in ["soccer_tactical_28s.mp4", "baseball_6s.mp4", "basketball_7s.mp4"] {
            guard let events = try await detect(name) else { continue }
            #expect(events.isEmpty, "\(name): \(events)")
        }
    }
}
