/// What one 100 ms frame of sound looks like to a detector: its loudness (EBU R128), its
/// spectral flatness, its strongest narrow tone in the whistle band and how voiced it is.
/// Measured on the audio up to the frame's end: loudness over the 400 ms window ending
/// there, the spectrum over the last 4096 samples (93 ms).
public struct AudioFeatureFrame: Sendable, Equatable {
    /// Seconds on the presented timeline: the frame covers [time, time + hop).
    public var time: Double
    /// Momentary loudness (400 ms) in LUFS at the frame's end; -infinity when silent.
    public var momentary: Double
    /// Spectral flatness over 200 Hz-8 kHz (0: one tone, 1: white noise).
    public var flatness: Double
    /// The strongest narrow tone in 2-4.5 kHz.
    public var tone: Tone
    /// Voicing: the highest normalised autocorrelation at a pitch of 80-500 Hz (0...1).
    public var voicing: Double
    /// The pitch of that autocorrelation peak, in Hz.
    public var pitch: Double
    /// How impulsive the frame is: the spread (dB) of the energies of 3 ms blocks of its
    /// high-passed sound. Claps and hits spread wide, steady noise and voices little.
    public var impulsiveness: Double

    public struct Tone: Sendable, Equatable {
        public var frequency: Double
        /// The peak bin over the median bin of 2-4.5 kHz, in dB.
        public var prominence: Double
        /// Share of the power of 300 Hz-11 kHz within ±3 bins (±32 Hz) of the peak.
        public var concentration: Double
        /// Bins (10.8 Hz each) around the peak within 10 dB of it: a whistle is narrow.
        public var width: Int
        /// The power of 100 Hz-1.5 kHz over the tone's, in dB: a voice is loud below its
        /// harmonics in this band, a whistle is not.
        public var below: Double

        public init(frequency: Double, prominence: Double, concentration: Double, width: Int, below: Double) {
            self.frequency = frequency
            self.prominence = prominence
            self.concentration = concentration
            self.width = width
            self.below = below
        }
    }

    public init(time: Double, momentary: Double, flatness: Double, tone: Tone, voicing: Double, pitch: Double, impulsiveness: Double) {
        self.time = time
        self.momentary = momentary
        self.flatness = flatness
        self.tone = tone
        self.voicing = voicing
        self.pitch = pitch
        self.impulsiveness = impulsiveness
    }

    /// A frame measured for its loudness only (see `AudioFeatureExtractor.spectraFrom`).
    init(loudnessOnly time: Double, momentary: Double) {
        self.init(time: time, momentary: momentary, flatness: 0,
                  tone: Tone(frequency: 0, prominence: 0, concentration: 0, width: 0, below: 0),
                  voicing: 0, pitch: 0, impulsiveness: 0)
    }
}
