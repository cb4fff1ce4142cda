/// espeak-ng's rate, pitch and pitch range for one line (espeak's scales: words per minute,
/// 0-100 with 50 normal, 0-100 with 50 normal).
struct EspeakProsody: Sendable, Equatable {
    var wordsPerMinute: Int
    var pitch: Int
    var range: Int

    static let normalWordsPerMinute = 165

    /// A calm line at the normal rate; a big call faster (up to +18%), higher (+16) and with a
    /// wider range (+25), as a commentator's voice lifts. `speedUp` is the extra rate a line
    /// needs to fit its slot.
    init(delivery: SpeechDelivery, speedUp: Double = 1) {
        let lift = delivery.intensity
        wordsPerMinute = Int((Double(Self.normalWordsPerMinute) * (1 + 0.18 * lift) * speedUp).rounded())
        pitch = 50 + Int((16 * lift).rounded())
        range = 50 + Int((25 * lift).rounded())
    }
}
