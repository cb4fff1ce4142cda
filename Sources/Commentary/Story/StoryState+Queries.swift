import Foundation

/// What a writer asks of the story.
extension StoryState {
    /// A moment this big is a big moment: it gets a call, build-up and references.
    public static let bigWeight = 0.7
    /// Momentum halves over this many seconds.
    static let momentumHalfLife = 90.0

    /// 0...1: how much has happened lately, as of `t` (big moments count most, fading; cuts
    /// and whistles do not count).
    public func momentum(at t: Double) -> Double {
        var sum = 0.0
        for moment in moments.reversed() where moment.t < t && moment.kind != "cut" && moment.kind != "whistle" {
            let age = t - moment.t
            if age > 6 * Self.momentumHalfLife { break }
            sum += moment.weight * moment.weight * exp2(-age / Self.momentumHalfLife)
        }
        return min(1, sum / 2)
    }

    /// The latest big moment before `t`.
    public func lastBigMoment(before t: Double) -> Moment? {
        moments.last { $0.t < t && $0.weight >= Self.bigWeight && $0.kind != "cut" }
    }

    /// Seconds since the latest big moment before `t` (nil: none yet).
    public func timeSinceLastBigMoment(at t: Double) -> Double? { lastBigMoment(before: t).map { t - $0.t } }

    /// Moments before `t` (at least 1.5 s before, so a moment is not its own precedent) that
    /// `matches` takes, newest first.
    func earlier(than t: Double, _ matches: (Moment) -> Bool) -> [Moment] {
        moments.reversed().filter { $0.t < t - 1.5 && matches($0) }
    }

    /// Whether the sentence (its key) was said before.
    public func hasSaid(_ key: String) -> Bool { said[key] != nil }

    /// Whether the skeleton was used within `window` seconds of `t`.
    public func usedSkeleton(_ id: String, near t: Double, within window: Double) -> Bool {
        skeletons[id]?.contains { abs($0 - t) < window } ?? false
    }

}
