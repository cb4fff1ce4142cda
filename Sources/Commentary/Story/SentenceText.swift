import Foundation

/// Sentences as a listener (and shared/tools/quality.py) counts them: a line split on
/// `.`, `!` and `?`, compared lower-cased without punctuation.
public enum SentenceText {
    /// The sentences of `text` with their punctuation, trimmed (empty ones left out).
    public static func split(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var closing = false
        for character in text {
            if ".!?".contains(character) {
                current.append(character)
                closing = true
                continue
            }
            if closing {
                append(&out, current)
                current = ""
                closing = false
            }
            current.append(character)
        }
        append(&out, current)
        return out
    }

    /// The key two sentences share when a listener would hear the same words.
    public static func key(_ sentence: String) -> String {
        var out = ""
        out.reserveCapacity(sentence.utf8.count)
        var space = false
        for c in sentence.lowercased().unicodeScalars {
            if c == "'" { continue }  // quality.py drops only the straight apostrophe
            if c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" {
                if space, !out.isEmpty { out.unicodeScalars.append(" ") }
                out.unicodeScalars.append(c)
                space = false
            } else {
                space = true
            }
        }
        return out
    }

    /// The keys of every sentence of `text`.
    public static func keys(_ text: String) -> [String] {
        split(text).map(key).filter { !$0.isEmpty }
    }

    public static func words(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }

    private static func append(_ out: inout [String], _ sentence: String) {
        let trimmed = sentence.trimmingCharacters(in: .whitespaces)
        if !key(trimmed).isEmpty { out.append(trimmed) }
    }
}
