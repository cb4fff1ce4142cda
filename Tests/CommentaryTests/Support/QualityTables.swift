import Foundation

/// shared/tools/quality.py's word tables, as a reference list for the tests: which words
/// belong to another sport (W, LEGIT, EXTRA_WRONG, EXCEPT) and what makes a line excited.
enum QualityTables {
    static let words: [String: [String]] = [
        "soccer": [#"goals?"#, "goalkeeper", "keeper", "pitch", "penalty", "penalties", "offside", "free kick", "corner kick", "header",
                   "striker", #"midfield\w*"#, "yellow card", "red card", "referee", "back of the net", "stoppage time", "extra time",
                   #"tackle\w*"#],
        "basketball": ["basket", #"dunk\w*"#, "lay ?up", "free throws?", "three[- ]pointers?", #"rebound\w*"#, "the paint", "shot clock",
                       "the rim", "buzzer[- ]beater"],
        "tennis": ["ace", "deuce", "break point", "match point", "set point", "tie[- ]?break", "love[- ]all", "double fault", "baseline",
                   "forehand", "backhand"],
        "hockey": ["puck", "icing", "power play", "slap ?shot", "goalie", "face[- ]?off", "penalty box", "the crease", "blue line",
                   "the boards"],
        "cricket": [#"wickets?"#, "innings", "bowled", "bowler", "batsman", "batter", "lbw", "umpire", "the crease",
                    #"overs?\b(?= (?:to go|left|bowled))"#, "powerplay", "boundary"],
        "lifting": [#"deadlift\w*"#, "lock ?out", "barbell", "kilos", #"the bar\b"#],
    ]
    static let legit: [String: Set<String>] = [
        "soccer": [#"rebound\w*"#, "goalie", "boundary", #"the bar\b"#],
        "basketball": ["referee", "penalty", "penalties", "the boards", "baseline", "backhand"],
        "tennis": ["umpire", "boundary"],
        "hockey": [#"goals?"#, "referee", "penalty", "penalties", "offside", "keeper", "goalkeeper", #"rebound\w*"#, #"tackle\w*"#,
                   "backhand", "forehand", "back of the net", #"the bar\b"#],
        "cricket": ["pitch", "keeper", "the crease", "powerplay", "boundary", "umpire"],
        "lifting": ["referee"],
    ]
    static let extraWrong: [String: [String]] = [
        "tennis": ["whistle", "both sides", "the teams?"],
        "cricket": ["whistle"],
        "lifting": ["the ball", "whistle", "both sides", "the teams?", "shots? on", "the net"],
    ]
    static let except: [String: [String]] = ["basketball": ["field goals?", "goaltending"]]

    /// The sport quality.py measures a pack's lines as (generic: the strictest, a strongman clip).
    static func measuredAs(_ sport: String) -> String? {
        ["soccer": "soccer", "basketball": "basketball", "tennis": "tennis", "hockey": "hockey", "cricket": "cricket",
         "generic": "lifting"][sport]
    }

    /// quality.py's `wrong_words(sport)`.
    static func wrongWords(_ sport: String) -> NSRegularExpression? {
        guard let own = words[sport] else { return nil }
        var patterns: [String] = []
        for (other, list) in words where other != sport {
            patterns += list.filter { !(legit[sport] ?? []).contains($0) && !own.contains($0) }
        }
        patterns += extraWrong[sport] ?? []
        return try? NSRegularExpression(pattern: #"\b("# + patterns.joined(separator: "|") + #")\b"#, options: .caseInsensitive)
    }

    /// The first word of another sport in `text`, as quality.py finds it.
    static func wrongWord(in text: String, sport: String) -> String? {
        guard let regex = wrongWords(sport) else { return nil }
        var text = text
        for pattern in except[sport] ?? [] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression, .caseInsensitive])
        }
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range, in: text) else { return nil }
        return String(text[range])
    }

    static let excited = try! NSRegularExpression(
        pattern: #"!|\b(erupt\w*|huge|incredible|unbelievable|amazing|sensational|stunning|spectacular|astonishing|magnificent|massive|wow|what an?|what drama|explod\w*|goes wild|on (?:their|its) feet|oh my)\b"#,
        options: .caseInsensitive)

    static func isExcited(_ text: String) -> Bool {
        excited.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
