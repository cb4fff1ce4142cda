import Foundation

/// A case-insensitive regular expression from a pack (claims, forbidden words, markers).
/// `NSRegularExpression` is immutable once made and safe to use from any thread, so one
/// pattern is shared by every session.
final class TextPattern: @unchecked Sendable {
    private let regex: NSRegularExpression

    init(_ source: String) throws {
        regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
    }

    /// `words` as whole words: `\b(?:a|b)\b`.
    convenience init(words: [String]) throws {
        try self.init("\\b(?:" + words.joined(separator: "|") + ")\\b")
    }

    func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }

    /// The first stretch of `text` it matches.
    func firstMatch(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: range), let found = Range(match.range, in: text) else { return nil }
        return String(text[found])
    }

    /// `text` with every match taken out.
    func removingMatches(from text: String) -> String {
        regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
    }
}
