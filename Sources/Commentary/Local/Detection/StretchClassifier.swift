import Foundation
import Media

/// What a loud stretch is, from its first seconds: the original commentator's voice (the
/// voice-activity model says speech and the sound is voiced, not broadband), and then
/// excitement when its pitch has risen over the usual voice or it is very loud; applause (dense broadband
/// impulses); otherwise a crowd roar (broadband, sustained).
struct StretchClassifier {
    enum Verdict: Equatable {
        case crowdRoar
        case applause
        case commentatorExcitement
        /// Speech that did not rise in pitch: loud talk, not a moment.
        case speech
        /// A tone (a whistle, a horn): its own detector names it.
        case tone
    }

    /// Share of speech frames that makes the stretch a voice.
    var speechShare = 0.6
    /// Flatness (200 Hz-8 kHz) under which the sound is voiced rather than broadband crowd.
    var voicedFlatness = 0.15
    /// How far the voice's pitch must rise over the usual one to be excitement, or how far
    /// (dB) its level must stand over the baseline.
    var pitchRise = 1.15
    var levelRise = 12.0
    /// Impulsiveness (dB) and flatness from which the sound is applause.
    var applauseImpulsiveness = 5.0
    var applauseFlatness = 0.25

    func classify(_ frames: ArraySlice<AudioFeatureFrame>, speech: Double?, usualPitch: Double?, tonal: Int = 0, excess: Double = 0) -> Verdict {
        guard !frames.isEmpty else { return .crowdRoar }
        if tonal * 2 >= frames.count { return .tone }
        let flatness = median(frames.map(\.flatness))
        if let speech, speech >= speechShare, flatness < voicedFlatness {
            if excess >= levelRise { return .commentatorExcitement }
            let voiced = frames.filter { $0.voicing >= 0.5 }.map(\.pitch)
            guard let usualPitch, voiced.count >= 3 else { return .speech }
            return median(voiced) >= usualPitch * pitchRise ? .commentatorExcitement : .speech
        }
        if median(frames.map(\.impulsiveness)) >= applauseImpulsiveness, flatness >= applauseFlatness { return .applause }
        return .crowdRoar
    }

    func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        return values.sorted()[values.count / 2]
    }
}
