import Foundation

/// Turns a frame into a sentence: `[a|b|c]` takes one of its choices, `{slot}` one of the
/// slot's values (which may hold choices and slots of their own), then spacing and capitals
/// are put right. Returns nil when a slot has no value (a story slot the moment lacks).
struct FrameFiller {
    /// Slot name → values (the pack's vocabulary and the story's numbers).
    let slots: [String: [String]]
    var contractions: [(from: String, to: String)] = []

    func fill(_ frame: String, using random: inout SeededGenerator) -> String? {
        guard var raw = expand(frame, depth: 0, using: &random) else { return nil }
        for (from, to) in contractions {
            raw = raw.replacingOccurrences(of: " " + from, with: " " + to)
            if raw.hasPrefix(from.capitalized) { raw = to.capitalized + raw.dropFirst(from.count) }
        }
        return Self.tidy(raw)
    }

    private func expand(_ text: String, depth: Int, using random: inout SeededGenerator) -> String? {
        guard depth < 4 else { return nil }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "[", let close = text[i...].firstIndex(of: "]") {
                let options = text[text.index(after: i)..<close].split(separator: "|", omittingEmptySubsequences: false)
                guard let pick = options.randomElement(using: &random),
                      let expanded = expand(String(pick), depth: depth + 1, using: &random) else { return nil }
                out += expanded
                i = text.index(after: close)
            } else if c == "{", let close = text[i...].firstIndex(of: "}") {
                let name = String(text[text.index(after: i)..<close])
                guard let value = slots[name]?.randomElement(using: &random),
                      let expanded = expand(value, depth: depth + 1, using: &random) else { return nil }
                out += expanded
                i = text.index(after: close)
            } else {
                out.append(c)
                i = text.index(after: i)
            }
        }
        return out
    }

    /// The slot names a frame uses, choices included.
    static func slotNames(in frame: String) -> [String] {
        var names: [String] = []
        var rest = Substring(frame)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// One space between words, none before punctuation, a capital at each sentence's start.
    static func tidy(_ text: String) -> String {
        var spaced = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for mark in [",", ".", "!", "?", ";", ":"] { spaced = spaced.replacingOccurrences(of: " " + mark, with: mark) }
        spaced = spaced.replacingOccurrences(of: ",,", with: ",")
        var out = ""
        var capitalise = true
        for c in spaced {
            if capitalise, c.isLetter {
                out += c.uppercased()
                capitalise = false
                continue
            }
            out.append(c)
            if ".!?".contains(c) { capitalise = true }
        }
        return out
    }
}
