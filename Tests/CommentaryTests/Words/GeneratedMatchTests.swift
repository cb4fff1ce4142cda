import Foundation
import Testing
import SessionModel
@testable import Commentary

/// A whole 90-minute generated match (no audio), written as the pipeline writes it.
@Suite(.timeLimit(.minutes(10)), .serialized) struct GeneratedMatchTests {
    static let match = GeneratedMatch()

    struct Case: Sendable, CustomTestStringConvertible {
        var sport: Sport
        var language: String
        var style = SessionOptions.Style.playByPlay
        var testDescription: String { "\(language)/\(sport)/\(style.rawValue)" }
    }

    @Test(arguments: [Case(sport: .soccer, language: "en"), Case(sport: .generic, language: "en"), Case(sport: .soccer, language: "es"),
                      Case(sport: "tennis", language: "en", style: .analyst)])
    func ninetyMinutesNeverRepeatASentenceNorASkeletonWithinTenMinutes(_ test: Case) async throws {
        let run = try await MatchRunner(sport: test.sport, language: test.language, style: test.style)
            .run(Self.match.events, duration: Self.match.duration)
        let lines = run.lines
        let minutes = Self.match.duration / 60
        let perMinute = CommentaryMeasures.linesPerMinute(lines, duration: Self.match.duration)
        let dead = CommentaryMeasures.longestDeadAir(lines, duration: Self.match.duration)
        let hype = CommentaryMeasures.excitedAway(lines, moments: Self.match.bigMoments)
        let sentences = CommentaryMeasures.sentences(lines)
        print("match \(test.testDescription): \(lines.count) lines, \(sentences.count) sentences, distinct \(CommentaryMeasures.distinctShare(lines)), "
              + "\(perMinute)/min, dead air \(dead) s, excited away \(Double(hype.count) / minutes)/min, gated \(run.gated)")
        if ProcessInfo.processInfo.environment["MATCH_DEBUG"] != nil { Self.dump(lines, from: 1800, to: 2100) }
        #expect(CommentaryMeasures.repeatedSentences(lines).isEmpty, "\(CommentaryMeasures.repeatedSentences(lines).prefix(10))")
        let skeletons = CommentaryMeasures.skeletonRepeats(lines, within: 600)
        #expect(skeletons.isEmpty, "\(skeletons.prefix(10))")
        if test.style == .playByPlay {
            #expect((6...14).contains(perMinute))
            #expect(dead <= 12)
        } else {
            #expect(perMinute < 6 && perMinute >= 3)
            #expect(dead <= 16)
        }
        #expect(Double(hype.count) / minutes <= 0.5)
        #expect(run.gated == 0, "the fact gate had to change the local writer's lines")
    }

    static func dump(_ lines: [CommentaryLine], from: Double, to: Double) {
        var rows: [(Double, String)] = lines.map { ($0.start, String(format: "%7.1f %7.1f %.2f  ", $0.start, $0.end, $0.intensity) + $0.text) }
        rows += match.events.map { ($0.t, String(format: "%7.1f  --- %@ w%.2f until %.1f", $0.t, $0.kind, $0.weight, $0.until)) }
        for row in rows.sorted(by: { $0.0 < $1.0 }) where row.0 > from && row.0 < to { print(row.1) }
    }
}
