import Testing
import SessionModel
@testable import Commentary

/// Each sport's lines use none of the words it never uses: the pack's own list, and for the
/// sports shared/tools/quality.py measures, its table of other sports' words.
@Suite(.timeLimit(.minutes(10)), .serialized) struct SportWordsTests {
    static let match = GeneratedMatch(minutes: 8, seed: 5)

    struct Case: Sendable, CustomTestStringConvertible {
        var sport: String
        var language: String
        var testDescription: String { "\(language)/\(sport)" }
    }

    static let cases: [Case] = ["en", "es"].flatMap { language in SportPackTests.required.map { Case(sport: $0, language: language) } }

    @Test(arguments: cases)
    func aWrittenMatchUsesNoWordTheSportNeverUses(_ test: Case) async throws {
        let run = try await MatchRunner(sport: Sport(rawValue: test.sport), language: test.language, seed: StorySeed.of(test.sport))
            .run(Self.match.events, duration: Self.match.duration)
        let pack = try #require(SportCatalog.shipped.pack(Sport(rawValue: test.sport), language: test.language))
        #expect(run.lines.count > 45)
        for line in run.lines {
            if let forbidden = pack.forbidden { #expect(!forbidden.matches(line.text), "\(line.text)") }
            if test.language == "en", let measured = QualityTables.measuredAs(test.sport) {
                #expect(QualityTables.wrongWord(in: line.text, sport: measured) == nil, "\(line.text)")
            }
        }
        #expect(run.gated == 0, "the gate changed \(run.gated) of the local writer's lines")
    }

    @Test(arguments: cases)
    func noFrameCanBeFilledWithAForbiddenWord(_ test: Case) throws {
        let pack = try #require(SportCatalog.shipped.pack(Sport(rawValue: test.sport), language: test.language))
        let story = Dictionary(uniqueKeysWithValues: SportPackTests.storySlots.map { ($0, ["two"]) })
            .merging(["likely": pack.meanings.values.flatMap { $0.likely ?? [] }, "loudest": [""]]) { $1 }
        let filler = FrameFiller(slots: pack.slots.merging(story) { a, _ in a }, contractions: pack.contractions)
        var random = SeededGenerator(seed: 1)
        for frame in pack.frames.values.joined() {
            for _ in 0..<25 {
                let text = try #require(filler.fill(frame.text, using: &random))
                if let forbidden = pack.forbidden { #expect(!forbidden.matches(text), "\(frame.id): \(text)") }
                if test.language == "en", let measured = QualityTables.measuredAs(test.sport) {
                    #expect(QualityTables.wrongWord(in: text, sport: measured) == nil, "\(frame.id): \(text)")
                }
            }
        }
    }
}
