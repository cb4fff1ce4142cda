import Foundation

/// Shortens a line by whole clauses, never inside a word: "A, B, and C." → "A, B." → "A."
enum ClauseShortener {
    static func clauses(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "," || character == ";" || character == "—" {
                parts.append(current)
                current = ""
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current) }
        return parts
    }

    /// The line without its last clause, ending cleanly; nil when one clause is all there is.
    static func shorter(_ text: String) -> String? {
        let parts = clauses(text)
        guard parts.count > 1 else { return nil }
        var kept = parts.dropLast().joined().trimmingCharacters(in: .whitespaces)
        while let last = kept.last, ",;—".contains(last) { kept.removeLast() }
        let ending = text.trimmingCharacters(in: .whitespaces).last.map { "!?.".contains($0) ? String($0) : "." } ?? "."
        return kept.trimmingCharacters(in: .whitespaces) + ending
    }
}
