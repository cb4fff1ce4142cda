import Foundation
import SessionModel

/// The instructions the language models get; the same for every service, so a provider only
/// carries its wire format.
enum CloudPrompts {
    /// The languages a language model is offered in (ISO 639-1); they write many more.
    static let languages = ["en", "es", "fr", "de", "it", "pt", "nl", "sv", "pl", "tr", "ru", "ar", "hi", "ja", "ko", "zh"]

    static func detection(_ request: DetectionRequest, sport: String = "sports") -> String {
        let length = String(format: "%.1f", request.end - request.start)
        return """
        You watch a \(length)-second clip of a \(sport) broadcast. List the moments a commentator would react to \
        (goals, shots, saves, fouls, whistles, crowd roars, replays, scene cuts). For each give `time` in seconds \
        from the start of the clip, a short `kind` in snake_case (for example goal, shot, save, foul, whistle, \
        crowd_peak, cut), a `confidence` between 0 and 1, and a one-sentence `description`. Answer with JSON only: \
        {"events":[{"time":0.0,"kind":"","confidence":0.0,"description":""}]}. An empty list is a valid answer.
        """
    }

    static func writing(_ request: WritingRequest) -> String {
        let events = request.events.sorted { $0.t < $1.t }.map {
            "- at \(seconds($0.t)) s: \($0.label) (\($0.kind), confidence \(String(format: "%.2f", $0.confidence)))"
        }
        let said = request.alreadySaid.sorted().suffix(40).map { "- \($0)" }
        return """
        You are a \(request.style.rawValue) \(request.sport.rawValue) commentator speaking \(request.language) \
        (ISO 639-1). Write spoken commentary lines for the stretch of video from \(seconds(request.earliest)) s \
        to \(seconds(request.latest)) s. Each line has a `start` time in seconds within that stretch, at least \
        0.5 s after the event it reacts to, and `text`: one short spoken sentence. The voice speaks \
        \(String(format: "%.1f", request.wordsPerSecond)) words per second and lines must not overlap, so leave \
        room between them. Say only what the events support: no goal, score, foul, card, referee decision or \
        injury that no event shows, and hedge ("could be", "sounds like") when an event is unsure; excitement only \
        at a big moment; the sport's own words only. Every line is checked against the events and a line that \
        claims more is cut. \(request.opensTheVideo ? "This stretch opens the video, which may start in the middle of play: begin with a line that joins it in progress (never assume the start of the match)." : "")
        Events in this stretch:
        \(events.isEmpty ? "- none detected: add sparse colour commentary" : events.joined(separator: "\n"))
        Never repeat these lines already said:
        \(said.isEmpty ? "- (none yet)" : said.joined(separator: "\n"))
        Answer with JSON only: {"lines":[{"start":0.0,"text":""}]}.
        """
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.1f", value) }
}
