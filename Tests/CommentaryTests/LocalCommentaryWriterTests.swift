import Testing
import SessionModel
import Media
@testable import Commentary

@Suite(.timeLimit(.minutes(10))) struct LocalCommentaryWriterTests {
    let writer = LocalCommentaryWriter()

    private func request(_ events: [DetectedEvent], language: String = "en", sport: Sport = .soccer, opens: Bool = false,
                         said: Set<String> = [], story: StoryState = StoryState(), earliest: Double = 30.35, latest: Double = 59.4,
                         interval: Int = 1, seed: UInt64 = 1) -> WritingRequest {
        WritingRequest(interval: interval, earliest: earliest, latest: latest, events: events, language: language, sport: sport,
                       style: .playByPlay, wordsPerSecond: 2.5, opensTheVideo: opens, alreadySaid: said, story: story, seed: seed)
    }

    private let events = [
        DetectedEvent(t: 33, kind: "crowd_roar", confidence: 0.9, label: "", end: 36, salience: 0.9),
        DetectedEvent(t: 41, kind: "cut", confidence: 0.8, label: ""),
        DetectedEvent(t: 47, kind: "whistle", confidence: 0.7, label: ""),
        DetectedEvent(t: 55, kind: "crowd_roar", confidence: 0.6, label: "", salience: 0.5),
    ]

    @Test func linesFitTheirWindowAndSlotsAndNeverOverlap() async throws {
        let lines = try await writer.write(request(events))
        #expect(lines.count >= 3)
        for line in lines {
            #expect(line.start >= 30.35 && line.end <= 59.4)
            #expect(Double(SentenceText.words(line.text)) / 2.5 <= line.end - line.start + 1e-9)
            #expect(line.text.last.map { ".!?".contains($0) } == true)
            #expect(!line.text.contains("{") && !line.text.contains("["))
        }
        for (a, b) in zip(lines, lines.dropFirst()) { #expect(a.end <= b.start) }
    }

    @Test func aBigMomentGetsBuildUpBeforeItAndItsCallAfterItsFirstSecond() async throws {
        let big = DetectedEvent(t: 45, kind: "crowd_roar", confidence: 0.95, label: "", end: 50, salience: 0.95)
        let lines = try await writer.write(request([big]))
        #expect(!lines.contains { $0.start < 46 && $0.end > 45 }, "nothing talks over the moment's first second")
        let call = try #require(lines.first { $0.start >= 45 })
        #expect(call.start >= 46 && call.start <= 48)
        #expect(call.intensity >= 0.9)
        #expect(lines.contains { $0.end <= 44.6 && $0.end >= 40 }, "build-up just before it")
        #expect(lines.filter { $0.start < 45 }.allSatisfy { $0.intensity < 0.5 })
    }

    @Test func aBurstOfBigMomentsGetsOneShoutAndStillHasLines() async throws {
        // As a detector reports a tennis rally: a crowd peak every second or two.
        let burst = [0.4, 1.7, 3.7, 5.0, 6.2, 7.7, 8.8, 10.7, 12.2].map {
            DetectedEvent(t: $0, kind: "crowd_peak", confidence: 0.9, label: "")
        }
        let lines = try await writer.write(request(burst, sport: "tennis", opens: true, earliest: 0.35, latest: 12.4, interval: 0))
        #expect(lines.filter { QualityTables.isExcited($0.text) }.count == 1)
        #expect(lines.count >= 3)
        #expect(CommentaryMeasures.longestDeadAir(lines, duration: 12.4) <= 6)
    }

    @Test func theVideoOpensInProgressNeverAtKickOff() async throws {
        for seed in UInt64(0)..<30 {
            let lines = try await writer.write(request([], opens: true, earliest: 0.35, latest: 29.4, interval: 0, seed: seed))
            let first = try #require(lines.first)
            #expect(first.start < 1)
            #expect(first.skeletons.first?.contains("/opening/") == true)
            for word in ["kick-off", "kick off", "under way", "underway", "welcome to the match", "here we go"] {
                #expect(!first.text.lowercased().contains(word), "\(first.text)")
            }
        }
    }

    @Test func theSameRequestWritesTheSameLinesAndAnotherSeedOthers() async throws {
        let a = try await writer.write(request(events, seed: 11))
        let b = try await writer.write(request(events, seed: 11))
        let c = try await writer.write(request(events, seed: 12))
        #expect(a == b)
        #expect(a.map(\.text) != c.map(\.text))
    }

    @Test func writesSpanish() async throws {
        let lines = try await writer.write(request(events, language: "es"))
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { !$0.text.contains("{") })
        let english = ["the ", " and ", "crowd", "that"]
        #expect(lines.allSatisfy { line in !english.contains { line.text.lowercased().contains($0) } }, "\(lines.map(\.text))")
    }

    @Test func anUnknownLanguageIsAPermanentError() async {
        await #expect(throws: ProviderError.self) { try await writer.write(request(events, language: "xx")) }
    }
}
