@testable import Commentary
import SessionModel

/// What shared/tools/quality.py measures on commentary, over lines on a timeline.
enum CommentaryMeasures {
    static func sentences(_ lines: [CommentaryLine]) -> [String] { lines.flatMap { SentenceText.keys($0.text) } }

    static func distinctShare(_ lines: [CommentaryLine]) -> Double {
        let all = sentences(lines)
        return all.isEmpty ? 1 : Double(Set(all).count) / Double(all.count)
    }

    /// The longest stretch of [0, duration] without a line.
    static func longestDeadAir(_ lines: [CommentaryLine], duration: Double) -> Double {
        var position = 0.0, longest = 0.0
        for line in lines.sorted(by: { $0.start < $1.start }) where line.end > line.start {
            let start = max(line.start, position)
            if line.end <= position { continue }
            longest = max(longest, start - position)
            position = line.end
        }
        return max(longest, duration - position)
    }

    static func linesPerMinute(_ lines: [CommentaryLine], duration: Double) -> Double { Double(lines.count) / (duration / 60) }

    /// Excited lines starting more than 3 s from every moment [t, until] of `moments`.
    static func excitedAway(_ lines: [CommentaryLine], moments: [DetectedEvent]) -> [CommentaryLine] {
        lines.filter { line in
            QualityTables.isExcited(line.text) && !moments.contains { line.start >= $0.t - 3 && line.start <= $0.until + 3 }
        }
    }

    /// Skeletons that came back within `window` seconds: (skeleton, first, again).
    static func skeletonRepeats(_ lines: [CommentaryLine], within window: Double) -> [(String, Double, Double)] {
        var last: [String: Double] = [:]
        var out: [(String, Double, Double)] = []
        for line in lines.sorted(by: { $0.start < $1.start }) {
            for skeleton in line.skeletons {
                if let before = last[skeleton], line.start - before < window { out.append((skeleton, before, line.start)) }
                last[skeleton] = line.start
            }
        }
        return out
    }

    static func repeatedSentences(_ lines: [CommentaryLine]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for s in sentences(lines) { if !seen.insert(s).inserted { out.append(s) } }
        return out
    }
}
