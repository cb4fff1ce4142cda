import SessionModel
import Foundation

/// The local writer's words: for each language, lines built from a head, a middle and a tail,
/// by event kind and intensity, with the sport's nouns filled in. Three parts multiply into
/// hundreds of distinct lines per kind, so a session never has to say one twice.
struct Phrasebook {
    enum Moment: CaseIterable { case opening, bigRoar, roar, whistle, cut, colour }

    struct Parts {
        var heads: [String]
        var middles: [String]
        var tails: [String]
    }

    var parts: [Moment: Parts]
    /// Sport nouns: {ball}, {goal}, {field}, {players}.
    var nouns: [Sport: [String: String]]

    static func forLanguage(_ language: String) -> Phrasebook? {
        switch language {
        case "en": english
        case "es": spanish
        default: nil
        }
    }

    static let languages = ["en", "es"]

    /// A middle part used as the end of a line: its trailing comma becomes a full stop.
    static func closed(_ middle: String) -> String {
        middle.hasSuffix(",") ? String(middle.dropLast()) + "." : middle
    }

    /// Every line for `moment`, longest first within each head, with nouns filled in.
    func lines(_ moment: Moment, sport: Sport) -> [String] {
        guard let parts = parts[moment] else { return [] }
        var out: [String] = []
        for head in parts.heads {
            for middle in parts.middles {
                for tail in parts.tails { out.append("\(head) \(middle) \(tail)") }
            }
            for middle in parts.middles { out.append("\(head) \(Self.closed(middle))") }
            out.append(head)
        }
        let words = nouns[sport] ?? nouns[.generic] ?? [:]
        return out.map { line in words.reduce(line) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) } }
    }
}
