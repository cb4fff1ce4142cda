import Testing
import SessionModel
@testable import Commentary

/// When lines come: the call after a big moment's first second, build-up before it, a line in
/// every interval that holds events, whatever the interval.
@Suite(.timeLimit(.minutes(10)), .serialized) struct MomentTimingTests {
    static let match = GeneratedMatch(minutes: 20, seed: 3)

    @Test(arguments: [5.0, 30.0, 120.0])
    func everyBigMomentGetsItsCallOneToThreeSecondsAfterItsOnset(interval: Double) async throws {
        let run = try await MatchRunner(interval: interval).run(Self.match.events, duration: Self.match.duration)
        var late: [Double] = []
        for moment in Self.match.bigMoments where moment.kind == DetectedEvent.crowdRoar {
            // A window edge right after the onset may leave no room in its own interval.
            if interval == 5, (moment.t + 3).truncatingRemainder(dividingBy: interval) < 0.95 { continue }
            #expect(!run.lines.contains { $0.start < moment.t + 1 && $0.end > moment.t }, "a line talks over the first second at \(moment.t)")
            if !run.lines.contains(where: { $0.start >= moment.t + 0.5 && $0.start <= moment.t + 3 }) { late.append(moment.t) }
        }
        #expect(late.isEmpty, "no reaction 0.5-3 s after \(late)")
    }

    @Test(arguments: [5.0, 10.0, 30.0, 120.0])
    func everyIntervalWithEventsGetsLinesAndTheAirIsNeverDeadLong(interval: Double) async throws {
        let run = try await MatchRunner(interval: interval).run(Self.match.events, duration: Self.match.duration)
        var k = 0
        while Double(k) * interval < Self.match.duration {
            let start = Double(k) * interval, end = start + interval
            let lines = run.lines.filter { $0.start >= start && $0.start < end }
            for line in lines { #expect(line.start >= start + 0.35 && line.end <= end - 0.6 + 1e-9) }
            if Self.match.events.contains(where: { $0.t >= start && $0.t < end }) { #expect(!lines.isEmpty, "interval \(k) has events and no line") }
            k += 1
        }
        let perMinute = CommentaryMeasures.linesPerMinute(run.lines, duration: Self.match.duration)
        #expect(CommentaryMeasures.longestDeadAir(run.lines, duration: Self.match.duration) <= 12)
        #expect((6...14).contains(perMinute), "\(perMinute) lines a minute")
        #expect(CommentaryMeasures.repeatedSentences(run.lines).isEmpty)
    }

    @Test func linesFitTheirSlotAtTheVoicesRate() async throws {
        for rate in [2.0, 2.5, 3.2] {
            let run = try await MatchRunner(wordsPerSecond: rate).run(Self.match.events, duration: 600)
            for line in run.lines { #expect(Double(SentenceText.words(line.text)) / rate <= line.end - line.start + 1e-9) }
            for (a, b) in zip(run.lines, run.lines.dropFirst()) { #expect(a.end <= b.start) }
        }
    }

    @Test func intensityFollowsTheMoment() async throws {
        let run = try await MatchRunner().run(Self.match.events, duration: Self.match.duration)
        for moment in Self.match.bigMoments where moment.kind == DetectedEvent.crowdRoar {
            if let call = run.lines.first(where: { $0.start >= moment.t + 1 && $0.start <= moment.t + 3 }) {
                #expect(call.intensity >= 0.55, "\(moment.t): \(call.text)")
            }
        }
        let quiet = run.lines.filter { line in !Self.match.events.contains { abs($0.t - line.start) < 6 } }
        #expect(!quiet.isEmpty && quiet.allSatisfy { $0.intensity <= 0.2 })
        let excited = run.lines.filter { QualityTables.isExcited($0.text) }
        #expect(excited.allSatisfy { $0.intensity >= 0.7 })
    }

    @Test func aMomentAtTheEndOfAnIntervalIsAnsweredAtTheStartOfTheNext() async throws {
        let events = [DetectedEvent(t: 9.3, kind: DetectedEvent.crowdRoar, confidence: 0.8, label: "", salience: 0.5)]
        let run = try await MatchRunner(interval: 5).run(events, duration: 20)
        #expect(run.lines.contains { $0.start >= 10.35 && $0.start <= 12.3 && $0.intensity > 0.2 })
    }
}
