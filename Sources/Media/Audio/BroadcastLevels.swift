import Foundation

/// The level rules of the broadcast mix: the original brought to a programme loudness
/// (`ProgramLevel`), each line's speech normalised to a loudness that rises with the line's
/// intensity, and the original ducked under each line only as deep as it takes for the speech
/// to stand `clearance` above it, measured over the line both as plain RMS (as a listener's
/// meter, and quality.py, read it) and as loudness.
public struct BroadcastLevels: Sendable, Equatable {
    public var program: ProgramLevel
    /// Loudness (LUFS) of a calm line's speech, and how much louder (dB) the biggest call is.
    public var speechLoudness: Double
    public var speechLift: Double
    /// Over a bed louder than the programme target (a roar), the speech rises by this share of
    /// the difference, at most `maxSpeechRise` dB: the commentator rises with the crowd, and the
    /// crowd is ducked less.
    public var speechFollow: Double
    public var maxSpeechRise: Double
    /// How far (dB) the speech stands above the ducked original: a calm line, the biggest call.
    /// The call gets less: the crowd breathes under it.
    public var calmClearance: Double
    public var callClearance: Double
    /// When the deepest duck allowed is not deep enough for a line, the line gets the call's
    /// clearance, and its speech is raised by up to this much (dB) to keep it.
    public var maxSpeechRaise: Double
    /// The highest sample peak of the speech before it is mixed (its own look-ahead limiter).
    public var speechCeiling: Float
    /// The highest sample peak of the mix: the look-ahead limiter at the end of the mix, whose
    /// gain depends only on the sound within a few milliseconds, so both sides of a chunk
    /// boundary limit alike. -2 dBFS: 1 dB under the -1 dBTP the output must keep, for the
    /// peaks between samples and the encoder's.
    public var ceiling: Float

    public init(program: ProgramLevel = ProgramLevel(), speechLoudness: Double = -16, speechLift: Double = 2.5,
                speechFollow: Double = 0.5, maxSpeechRise: Double = 4, calmClearance: Double = 15, callClearance: Double = 13, maxSpeechRaise: Double = 6,
                speechCeiling: Float = 0.708, ceiling: Float = 0.794) {
        self.program = program
        self.program.limiterCeiling = ceiling
        self.speechLoudness = speechLoudness
        self.speechLift = speechLift
        self.speechFollow = speechFollow
        self.maxSpeechRise = maxSpeechRise
        self.calmClearance = calmClearance
        self.callClearance = callClearance
        self.maxSpeechRaise = maxSpeechRaise
        self.speechCeiling = speechCeiling
        self.ceiling = ceiling
    }

    /// How far the speech of a line of `intensity` stands above the ducked original (dB).
    public func clearance(intensity: Double) -> Double {
        calmClearance + (callClearance - calmClearance) * min(1, max(0, intensity))
    }

    /// The speech gain and the duck of one line: `speech` is the line's mono speech, `bed` the
    /// original (after the programme gain) over the same samples, interleaved stereo.
    func level(of speech: [Float], intensity: Double, bed: ArraySlice<Float>, deepestDuck: Float) throws(MediaError) -> LineLevel {
        let bedRMS = MixMeasures.monoRMS(bed), bedLoudness = try MixMeasures.loudness(bed, channels: 2)
        let rise = bedLoudness.isFinite ? min(maxSpeechRise, speechFollow * max(0, bedLoudness - program.target)) : 0
        let target = speechLoudness + speechLift * min(1, max(0, intensity)) + rise
        let clearance = clearance(intensity: intensity)
        let speechRMS = MixMeasures.rms(speech[...])
        let speechLoudness = try MixMeasures.loudness(speech[...], channels: 1)
        guard speechRMS > 0, speechLoudness.isFinite else {
            // Nothing to hear: duck as for speech at the target, so the gap sounds like a line.
            let duck = bedLoudness.isFinite ? min(1, Float(pow(10, (target - bedLoudness - clearance) / 20))) : 1
            return LineLevel(speechGain: 1, duck: max(deepestDuck, duck))
        }
        var gain = pow(10, (target - speechLoudness) / 20)
        var duck = 1.0
        if bedRMS > 0 { duck = min(duck, speechRMS * gain / bedRMS / pow(10, clearance / 20)) }
        if bedLoudness.isFinite { duck = min(duck, pow(10, (target - bedLoudness - clearance) / 20)) }
        if duck < Double(deepestDuck) {
            // Not deep enough: the line settles for the least clearance any line gets (a big
            // call's), and the speech is raised as far as that still needs. So a calm line is
            // never raised past a call over the same sound.
            let settled = duck * pow(10, (clearance - min(calmClearance, callClearance)) / 20)
            if settled < Double(deepestDuck) { gain *= min(Double(deepestDuck) / settled, pow(10, maxSpeechRaise / 20)) }
            duck = Double(deepestDuck)
        }
        return LineLevel(speechGain: Float(gain), duck: Float(duck))
    }
}

/// What the broadcast mix does to one line: the gain on its speech, and the duck of the
/// original under it (relative to the programme level).
struct LineLevel: Equatable {
    var speechGain: Float
    var duck: Float
}
