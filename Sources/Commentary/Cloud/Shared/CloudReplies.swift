import Foundation
import Media
import SessionModel

/// The JSON documents the models are asked for, and how they become events and lines.
enum CloudReplies {
    struct Events: Codable {
        struct Event: Codable {
            var time: Double
            var kind: String
            var confidence: Double
            var description: String
        }
        var events: [Event]
    }

    struct Lines: Codable {
        struct Line: Codable {
            var start: Double
            var text: String
        }
        var lines: [Line]
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, service: String) throws(ProviderError) -> T {
        // Some servers wrap JSON in a Markdown fence even when asked not to.
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.hasPrefix("```"), let open = body.firstIndex(of: "\n"), let close = body.range(of: "```", options: .backwards) {
            body = String(body[body.index(after: open)..<close.lowerBound])
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.utf8))
        } catch {
            throw ProviderError(.transient, "\(service) answered with JSON that does not fit: \(String(text.prefix(120)))")
        }
    }

    /// Events on the presented timeline, from times relative to the clip's start.
    static func events(_ reply: Events, within request: DetectionRequest) -> [DetectedEvent] {
        reply.events.compactMap { event in
            let time = request.start + event.time
            guard time >= request.start, time <= request.end, !event.kind.isEmpty else { return nil }
            return DetectedEvent(t: time, kind: event.kind, confidence: event.confidence, label: event.description)
        }.sorted { $0.t < $1.t }
    }

    /// Lines kept within the request's bounds, in order, not overlapping, none said before;
    /// each lasts as long as the voice needs for its words.
    static func lines(_ reply: Lines, for request: WritingRequest) -> [CommentaryLine] {
        var said = request.alreadySaid
        var cursor = request.earliest
        var lines: [CommentaryLine] = []
        for line in reply.lines.sorted(by: { $0.start < $1.start }) {
            let text = line.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let start = max(line.start, cursor)
            let words = Double(text.split(whereSeparator: \.isWhitespace).count)
            let end = min(request.latest, start + words / request.wordsPerSecond + 0.3)
            guard !text.isEmpty, !said.contains(text), end - start >= 1 else { continue }
            lines.append(CommentaryLine(start: start, end: end, text: text))
            said.insert(text)
            cursor = end + 0.4
        }
        return lines
    }
}
