import Testing
import SessionModel
import Media
@testable import Commentary

@Suite struct LocalCommentaryWriterTests {
    let writer = LocalCommentaryWriter()

    private func request(_ events: [DetectedEvent], language: String = "en", opens: Bool = false, said: Set<String> = [],
                         earliest: Double = 30.35, latest: Double = 59.4, interval: Int = 1) -> WritingRequest {
        WritingRequest(interval: interval, earliest: earliest, latest: latest, events: events, language: language, sport: .soccer,
                       style: .playByPlay, wordsPerSecond: 2.5, opensTheVideo: opens, alreadySaid: said)
    }

    private let events = [
        DetectedEvent(t: 33, kind: "crowd_peak", confidence: 0.9, label: ""),
        DetectedEvent(t: 34, kind: "whistle", confidence: 0.7, label: ""),
        DetectedEvent(t: 41, kind: "cut", confidence: 0.8, label: ""),
        DetectedEvent(t: 55, kind: "crowd_peak", confidence: 0.6, label: ""),
    ]

    @Test func linesFollowTheirEventsFitTheirSlotsAndNeverOverlap() async throws {
        let lines = try await writer.write(request(events))
        #expect(lines.count >= 3)
        for line in lines {
            #expect(line.start >= 30.35 && line.end <= 59.4)
            #expect(Double(LocalCommentaryWriter.words(line.text)) / 2.5 <= line.end - line.start + 1e-9)
        }
        for (a, b) in zip(lines, lines.dropFirst()) { #expect(a.end <= b.start) }
        for event in events {
            if let line = lines.first(where: { $0.start >= event.t && $0.start < event.t + 1.5 }) { #expect(line.start >= event.t + 0.5) }
        }
        #expect(lines.contains { $0.start >= 55.5 })
        #expect(lines.allSatisfy { $0.text.last.map { ".!?".contains($0) } == true })
    }

    @Test func theVideoOpensWithAGreetingAndQuietStretchesGetColour() async throws {
        let lines = try await writer.write(request([DetectedEvent(t: 25, kind: "crowd_peak", confidence: 0.9, label: "")],
                                                   opens: true, earliest: 0.35, latest: 29.4, interval: 0))
        #expect(lines.first.map { $0.start < 3 } == true)
        #expect(Phrasebook.english.lines(.opening, sport: .soccer).contains(lines[0].text))
        #expect(lines.contains { Phrasebook.english.lines(.colour, sport: .soccer).contains($0.text) })
    }

    @Test func neverSaysTheSameLineTwiceInASession() async throws {
        var said = Set<String>()
        var total = 0
        for interval in 0..<60 {
            let start = Double(interval) * 30
            let shifted = events.map { DetectedEvent(t: $0.t - 30 + start, kind: $0.kind, confidence: $0.confidence, label: "") }
            let lines = try await writer.write(request(shifted, said: said, earliest: start + 0.35, latest: start + 29.4, interval: interval))
            for line in lines { #expect(!said.contains(line.text)); said.insert(line.text) }
            total += lines.count
        }
        #expect(said.count == total && total > 150)
    }

    @Test func writesSpanishWithTheSportsNouns() async throws {
        let lines = try await writer.write(request(events, language: "es"))
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { !$0.text.contains("{") })
        #expect(Phrasebook.spanish.lines(.whistle, sport: .hockey).contains { $0.contains("jugadores") })
    }

    @Test func anUnknownLanguageIsAPermanentError() async {
        await #expect(throws: ProviderError.self) { try await writer.write(request(events, language: "xx")) }
    }
}
