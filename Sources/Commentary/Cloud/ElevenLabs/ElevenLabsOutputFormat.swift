/// ElevenLabs' `output_format`: `pcm_<rate>` is raw 16-bit mono PCM at that rate,
/// `mp3_<rate>_<kb/s>` an MP3 that Media decodes. 44.1 kHz PCM needs a Pro plan and 192 kb/s
/// MP3 a Creator plan; `mp3_44100_128`, the service's own default, works on every plan.
enum ElevenLabsOutputFormat: Equatable, Sendable {
    case pcm(rate: Int)
    case mp3(rate: Int, kilobits: Int)

    static let standard = ElevenLabsOutputFormat.mp3(rate: 44_100, kilobits: 128)
    static let pcmRates = [16_000, 22_050, 24_000, 44_100]
    static let mp3Rates = [22_050, 24_000, 44_100]

    /// The format `name` spells, if it is one this provider can take.
    init?(_ name: String) {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        switch (parts.first, parts.count) {
        case ("pcm", 2):
            guard let rate = Int(parts[1]), Self.pcmRates.contains(rate) else { return nil }
            self = .pcm(rate: rate)
        case ("mp3", 3):
            guard let rate = Int(parts[1]), Self.mp3Rates.contains(rate),
                  let kilobits = Int(parts[2]), (8...320).contains(kilobits) else { return nil }
            self = .mp3(rate: rate, kilobits: kilobits)
        default:
            return nil
        }
    }

    /// As the query parameter spells it.
    var name: String {
        switch self {
        case .pcm(let rate): "pcm_\(rate)"
        case .mp3(let rate, let kilobits): "mp3_\(rate)_\(kilobits)"
        }
    }
}
