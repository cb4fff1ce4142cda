/// The output audio format and the AAC frame grid every chunk encodes on.
///
/// Sample n of the output is time n / 44100 on the presented timeline. AAC packet p covers
/// samples [p·1024, (p+1)·1024) whatever chunk encoded it, so packets of adjacent chunks join
/// like packets of one encoding: no gap, no overlap.
public enum AudioGrid {
    public static let sampleRate = 44_100
    public static let channels = 2
    public static let frameSize = 1_024
    public static let bitRate = 192_000
    /// Frames encoded before a chunk's first kept packet so the encoder has settled.
    static let prerollFrames = 3
    /// Around every chunk boundary the mix must not depend on commentary: the pre-roll and
    /// post-roll of the neighbouring chunk encode this audio too.
    public static let boundaryGuard = 0.2

    /// Seconds as the nearest output sample.
    public static func sample(at seconds: Double) -> Int64 { Int64((seconds * Double(sampleRate)).rounded()) }

    /// The first packet at or after `sample`.
    static func packet(atOrAfter sample: Int64) -> Int64 { floorDiv(sample + Int64(frameSize) - 1, Int64(frameSize)) }

    /// The packet that holds `sample`.
    static func packet(holding sample: Int64) -> Int64 { floorDiv(sample, Int64(frameSize)) }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
