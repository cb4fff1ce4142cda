/// A stretch of frames loud against the baseline: where it starts, peaks and ends (frame
/// indices of the analysed frames) and how far its peak stood above the baseline.
struct LoudStretch: Equatable {
    var onset: Int
    /// Where the 1-s level first stood `enter` dB over the baseline: where the stretch can first be told.
    var trigger: Int
    var peak: Int
    var end: Int
    /// The 1-s level's highest excess over the baseline, in dB.
    var excess: Double
    /// True when the stretch still holds at the last frame seen: its end is not known yet.
    var open: Bool
}
