public import SessionModel
public import Media

/// Writes lines from templates: one per event worth a line, an opening line, and sparse
/// colour in quiet stretches. Lines start at least 0.5 s after their event, never overlap,
/// fit their slot at the voice's speaking rate, and never repeat a line of the session.
public struct LocalCommentaryWriter: CommentaryWriter {
    public let name = "local"
    public var languages: [String] { Phrasebook.languages }

    /// Seconds between an event and its line, and between two lines.
    static let reaction = 0.5
    static let gap = 0.4
    static let shortestLine = 1.0

    public init() {}

    public func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
        guard let book = Phrasebook.forLanguage(request.language) else {
            throw ProviderError(.permanent, "the local writer has no '\(request.language)' (it writes \(Phrasebook.languages.joined(separator: ", ")))")
        }
        var said = request.alreadySaid
        var lines: [CommentaryLine] = []
        var cursor = request.earliest
        let events = request.events.sorted { $0.t < $1.t }

        func place(_ moment: Phrasebook.Moment, at start: Double, until limit: Double) {
            let from = max(start, cursor)
            let room = min(limit, request.latest) - from
            guard room >= Self.shortestLine else { return }
            let maxWords = Int(room * request.wordsPerSecond)
            let candidates = book.lines(moment, sport: request.sport)
            // Start the search at a different place each time, so consecutive lines vary.
            let offset = (said.count * 37 + request.interval * 11) % max(1, candidates.count)
            let rotated = candidates[offset...] + candidates[..<offset]
            guard let text = rotated.first(where: { !said.contains($0) && Self.words($0) <= maxWords }) else { return }
            let duration = min(room, Double(Self.words(text)) / request.wordsPerSecond + 0.3)
            lines.append(CommentaryLine(start: from, end: from + duration, text: text))
            said.insert(text)
            cursor = from + duration + Self.gap
        }

        if request.opensTheVideo {
            place(.opening, at: request.earliest, until: (events.first?.t ?? request.latest) + Self.reaction)
        }
        let quiet = request.style == .analyst ? 8.0 : 12.0
        for (i, event) in events.enumerated() {
            let next = i + 1 < events.count ? events[i + 1].t + Self.reaction : request.latest
            if event.t - cursor >= quiet { place(.colour, at: cursor + (event.t - cursor) / 2 - 2, until: event.t) }
            place(Self.moment(for: event), at: event.t + Self.reaction, until: next)
        }
        while request.latest - cursor >= quiet {
            let before = lines.count
            place(.colour, at: cursor + quiet / 2, until: request.latest)
            if lines.count == before { break }
        }
        return lines
    }

    static func moment(for event: DetectedEvent) -> Phrasebook.Moment {
        switch event.kind {
        case DetectedEvent.crowdPeak: event.confidence >= 0.75 ? .bigRoar : .roar
        case DetectedEvent.whistle: .whistle
        case DetectedEvent.cut: .cut
        default: .roar
        }
    }

    static func words(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }
}
