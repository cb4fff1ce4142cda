/// The level lift of a line's delivery, shared by the local voices: calm lines at the voice's
/// own level, the biggest call 2.5 dB louder (a commentator leans in, the mix still decides
/// the line's place against the crowd).
enum SpeechLevel {
    static let liftAtFullIntensity: Float = 1.33

    static func gain(for delivery: SpeechDelivery) -> Float {
        1 + (liftAtFullIntensity - 1) * Float(delivery.intensity)
    }
}
