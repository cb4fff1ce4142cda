/// How a Piper voice lifts a line's delivery: pace through the model's `length_scale`, pitch by
/// playing the speech back a little faster (resampled, with `length_scale` raised by as much,
/// so the pitch rises and the pace stays), level by a gain. A calm line is the voice as trained.
struct PiperDelivery: Sendable, Equatable {
    /// Multiplies the voice's `length_scale`: 1 calm, 1/1.15 for the biggest call.
    var pace: Float
    /// Pitch factor: 1 calm, up to 1.06 (a semitone).
    var pitch: Float
    var gain: Float

    init(_ delivery: SpeechDelivery) {
        let lift = Float(delivery.intensity)
        pace = 1 / (1 + 0.15 * lift)
        pitch = 1 + 0.06 * lift
        gain = SpeechLevel.gain(for: delivery)
    }
}
