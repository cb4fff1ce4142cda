public import SessionModel

/// How often and how long the local writer speaks, by style: play-by-play keeps the silence
/// short (6-14 lines a minute, never more than about 12 s without a line); the analyst speaks
/// less often and longer.
struct WritingPace: Sendable {
    /// Silence after a line before quiet-stretch talk, seconds.
    var pause: ClosedRange<Double>
    /// The longest silence the writer lets happen when it has room to speak.
    var longestSilence: Double
    /// Words of a quiet-stretch line (colour, recap).
    var colourWords: ClosedRange<Int>
    var reactionWords: ClosedRange<Int>
    var callWords: ClosedRange<Int>
    /// Whether a quiet-stretch line may take a second sentence when there is room.
    var twoSentences: Bool
    /// Whether small moments get a line only when it has been quiet (the analyst's way).
    var selective = false
    /// Silence between two lines.
    var gap = 0.4
    /// A line lasts its words at the voice's rate plus this.
    var tail = 0.3
    /// The shortest line worth placing; a call ("Spectacular!") may be shorter.
    var shortest = 1.2
    var shortestCall = 0.8
    /// The skeleton of a line does not come back within this many seconds.
    var skeletonWindow = 600.0

    static func of(_ style: SessionOptions.Style) -> WritingPace {
        switch style {
        case .playByPlay:
            WritingPace(pause: 2.6...5.2, longestSilence: 9, colourWords: 4...12, reactionWords: 3...11, callWords: 1...7,
                        twoSentences: false)
        case .analyst:
            WritingPace(pause: 5.5...8.5, longestSilence: 12, colourWords: 8...24, reactionWords: 4...16, callWords: 2...8,
                        twoSentences: true, selective: true)
        }
    }

    func seconds(words: Int, at wordsPerSecond: Double) -> Double { Double(words) / wordsPerSecond + tail }

    /// The most words that fit in `room` seconds.
    func words(fitting room: Double, at wordsPerSecond: Double) -> Int { max(0, Int(((room - tail) * wordsPerSecond).rounded(.down))) }
}
