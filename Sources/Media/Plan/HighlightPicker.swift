/// `highlights` output for one full chunk (`window`): the chunk's most salient moments, each
/// with a lead-in and the reaction after it, widened to keyframes, in time order, as far as
/// the session's budget goes.
///
/// In two passes, biggest moment first: every moment gets its core (from `minimumLead` before
/// its onset to `minimumAfter` after it) while the budget lasts, then the chosen ones get their
/// full context (`lead` before, `reaction` after its end, its own extent counted up to
/// `longest`, and the commentary line that answers it) where the budget still allows. So the
/// reel holds as many moments as fit before any moment gets more context.
public struct HighlightPicker: Sendable {
    public var lead = 3.0
    public var reaction = 2.5
    public var minimumLead = 0.3
    public var minimumAfter = 0.5
    public var longest = 6.0
    /// From this weight a moment may take the budget's overrun.
    public var big = 0.6

    public init() {}

    /// The spans to make for `window`, numbered from `firstIndex`; `budget` is charged for them.
    /// `lines` are the window's commentary lines (start, end): a line that starts during a
    /// moment's reaction is kept whole when the budget allows.
    public func pick(_ moments: [HighlightMoment], lines: [(start: Double, end: Double)], within window: ChunkSpan,
                     keyframes: [Keyframe], budget: inout HighlightBudget, firstIndex: Int) -> [ChunkSpan] {
        let eps = IntervalPlanner.epsilon
        let inside = keyframes.filter { $0.time > window.start + eps && $0.time < window.end - eps }.sorted { $0.time < $1.time }
        let marks = [window.start] + inside.map(\.time) + [window.end]
        func widened(_ start: Double, _ end: Double) -> Cover.Piece {
            let from = marks.last { $0 <= max(window.start, start) + eps } ?? window.start
            let to = marks.first { $0 >= min(window.end, end) - eps } ?? window.end
            return Cover.Piece(start: from, end: to)
        }
        let ranked = HighlightMoment.merged(moments)
            .filter { $0.end >= window.start && $0.start < window.end }
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.start < $1.start }
        var cover = Cover()
        var chosen: [HighlightMoment] = []
        for moment in ranked {
            let core = widened(moment.start - minimumLead, moment.start + minimumAfter)
            let cost = cover.adding(core) - cover.length
            guard cost <= budget.left(stretched: moment.weight >= big) + eps else { continue }
            cover.add(core)
            budget.spend(cost)
            chosen.append(moment)
        }
        for moment in chosen {
            var end = min(moment.end, moment.start + longest) + reaction
            if let answer = lines.first(where: { $0.start >= moment.start - minimumLead && $0.start < end }) {
                end = max(end, answer.end + 0.6)
            }
            let full = widened(moment.start - lead, end)
            let cost = cover.adding(full) - cover.length
            guard cost <= budget.left(stretched: false) + eps else { continue }
            cover.add(full)
            budget.spend(cost)
        }
        return cover.pieces.enumerated().map { offset, piece in
            ChunkSpan(index: firstIndex + offset, interval: window.interval, start: piece.start, end: piece.end,
                      startKeyframePts: abs(piece.start - window.start) < eps ? window.startKeyframePts : inside.first { abs($0.time - piece.start) < eps }?.pts,
                      endKeyframePts: abs(piece.end - window.end) < eps ? window.endKeyframePts : inside.first { abs($0.time - piece.end) < eps }?.pts)
        }
    }
}

/// Stretches of the timeline that do not overlap, in time order; touching ones are one.
struct Cover {
    struct Piece: Equatable {
        var start: Double
        var end: Double
    }

    private(set) var pieces: [Piece] = []

    var length: Double { pieces.reduce(0) { $0 + $1.end - $1.start } }

    /// The length the cover would have with `piece`.
    func adding(_ piece: Piece) -> Double {
        var copy = self
        copy.add(piece)
        return copy.length
    }

    mutating func add(_ piece: Piece) {
        guard piece.end > piece.start else { return }
        var merged = piece
        var rest: [Piece] = []
        for other in pieces {
            if other.end < merged.start - IntervalPlanner.epsilon || other.start > merged.end + IntervalPlanner.epsilon {
                rest.append(other)
            } else {
                merged = Piece(start: min(merged.start, other.start), end: max(merged.end, other.end))
            }
        }
        pieces = (rest + [merged]).sorted { $0.start < $1.start }
    }
}
