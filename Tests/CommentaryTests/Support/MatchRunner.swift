import Foundation
import Testing
import SessionModel
@testable import Commentary

/// Writes a whole generated match interval by interval as the pipeline does: each interval's
/// events and window, the story grown after each, every line through the fact gate.
struct MatchRunner {
    var sport: Sport = .soccer
    var language = "en"
    var style = SessionOptions.Style.playByPlay
    var interval = 30.0
    var wordsPerSecond = 2.475
    var seed: UInt64 = 42
    var writer = LocalCommentaryWriter()

    struct Run {
        var lines: [CommentaryLine]
        /// Lines the gate changed or dropped.
        var gated: Int
        var story: StoryState
    }

    func run(_ events: [DetectedEvent], duration: Double) async throws -> Run {
        let pack = try #require(SportCatalog.shipped.pack(sport, language: language))
        let gate = FactGate(pack: pack)
        var story = StoryState()
        var said = Set<String>()
        var lines: [CommentaryLine] = []
        var gated = 0
        var k = 0
        while Double(k) * interval < duration {
            let start = Double(k) * interval, end = min(duration, start + interval)
            let mine = events.filter { $0.t >= start && $0.t < end }
            let request = WritingRequest(interval: k, earliest: start + 0.35, latest: end - 0.6, events: mine, language: language,
                                         sport: sport, style: style, wordsPerSecond: wordsPerSecond, opensTheVideo: k == 0,
                                         alreadySaid: said, story: story, seed: seed)
            if request.latest - request.earliest >= 1 {
                let written = try await writer.write(request)
                let passed = gate.check(written, events: mine, story: story)
                let changed = written.filter { line in !passed.contains { $0.text == line.text } }
                gated += changed.count
                if ProcessInfo.processInfo.environment["MATCH_DEBUG"] != nil {
                    for line in changed { print("gate changed: \(line.start) \(line.text) | events \(mine.map { "\($0.kind)@\($0.t)" })") }
                }
                story.record(events: mine, lines: passed)
                for line in passed { said.insert(line.text) }
                lines += passed
            } else {
                story.record(events: mine, lines: [])
            }
            k += 1
        }
        return Run(lines: lines, gated: gated, story: story)
    }
}
