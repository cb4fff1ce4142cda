import Foundation

/// A caption: text shown from `start` to `end` seconds.
public struct Caption: Sendable, Equatable, Codable {
    public var start: Double
    public var end: Double
    public var text: String

    public init(start: Double, end: Double, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}

/// Writes WebVTT captions.
public enum WebVTT {
    public static func render(_ captions: [Caption]) -> String {
        var out = "WEBVTT\n"
        for (number, caption) in captions.sorted(by: { $0.start < $1.start }).enumerated() {
            let text = escape(caption.text)
            guard !text.isEmpty, caption.end > caption.start else { continue }
            out += "\n\(number + 1)\n\(timestamp(caption.start)) --> \(timestamp(caption.end))\n\(text)\n"
        }
        return out
    }

    /// hh:mm:ss.ttt
    static func timestamp(_ seconds: Double) -> String {
        let millis = Int((max(0, seconds) * 1000).rounded())
        return String(format: "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000)
    }

    /// Cue text may not hold "-->" or a blank line, and &, < and > are markup.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
