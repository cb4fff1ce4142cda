internal import CEbur128
import Foundation

/// EBU R128 loudness of float audio through libebur128: momentary (400 ms), short-term (3 s),
/// integrated (gated) loudness in LUFS, and true peak in dBTP. Feed it samples in order with
/// `add`; read the measures at any point. A silent stretch reads `-infinity`.
///
/// One owner: the meter is not `Sendable` and is used by one task at a time.
public final class LoudnessMeter {
    public struct Measures: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let momentary = Measures(rawValue: 1)
        public static let shortTerm = Measures(rawValue: 2)
        public static let integrated = Measures(rawValue: 4)
        public static let truePeak = Measures(rawValue: 8)
    }

    public let channels: Int
    public let sampleRate: Int
    private var state: UnsafeMutablePointer<ebur128_state>?

    /// A meter for interleaved audio of `channels` (1 or 2). A mono signal counts as the same
    /// signal on both channels of a stereo one (dual mono), so the two read alike.
    public init(channels: Int = AudioGrid.channels, sampleRate: Int = AudioGrid.sampleRate,
                measures: Measures = [.momentary, .shortTerm]) throws(MediaError) {
        guard channels == 1 || channels == 2, sampleRate > 0 else {
            throw MediaError(.invalidArgument, "a loudness meter takes 1 or 2 channels, not \(channels)")
        }
        self.channels = channels
        self.sampleRate = sampleRate
        var mode = Int32(EBUR128_MODE_M.rawValue)
        if measures.contains(.shortTerm) { mode |= Int32(EBUR128_MODE_S.rawValue) }
        if measures.contains(.integrated) { mode |= Int32(EBUR128_MODE_I.rawValue) }
        if measures.contains(.truePeak) { mode |= Int32(EBUR128_MODE_TRUE_PEAK.rawValue) }
        guard let state = ebur128_init(UInt32(channels), UInt(sampleRate), mode) else {
            throw MediaError(.invalidArgument, "libebur128 could not start a meter")
        }
        self.state = state
        if channels == 1 { _ = ebur128_set_channel(state, 0, Int32(EBUR128_DUAL_MONO.rawValue)) }
    }

    deinit {
        ebur128_destroy(&state)
    }

    /// Adds interleaved frames (`samples.count` a multiple of `channels`).
    public func add(_ samples: UnsafeBufferPointer<Float>) {
        guard let base = samples.baseAddress, samples.count >= channels else { return }
        _ = ebur128_add_frames_float(state, base, samples.count / channels)
    }

    public func add(_ samples: ArraySlice<Float>) {
        samples.withUnsafeBufferPointer { add($0) }
    }

    /// Loudness of the last 400 ms, in LUFS.
    public var momentary: Double { read(ebur128_loudness_momentary) }
    /// Loudness of the last 3 s, in LUFS (needs `.shortTerm`).
    public var shortTerm: Double { read(ebur128_loudness_shortterm) }
    /// Gated loudness of everything added, in LUFS (needs `.integrated`).
    public var integrated: Double { read(ebur128_loudness_global) }

    /// The highest true peak of everything added over all channels, in dBTP (needs `.truePeak`).
    public var truePeak: Double {
        var highest = 0.0
        for channel in 0..<channels {
            var peak = 0.0
            if ebur128_true_peak(state, UInt32(channel), &peak) == Int32(EBUR128_SUCCESS.rawValue) { highest = max(highest, peak) }
        }
        return highest > 0 ? 20 * log10(highest) : -.infinity
    }

    private func read(_ measure: (UnsafeMutablePointer<ebur128_state>?, UnsafeMutablePointer<Double>?) -> Int32) -> Double {
        var value = -Double.infinity
        guard measure(state, &value) == Int32(EBUR128_SUCCESS.rawValue), value.isFinite else { return -.infinity }
        return value
    }
}

extension LoudnessMeter {
    /// The momentary loudness (LUFS) at the end of every `hop` seconds of interleaved audio,
    /// the first value after the first hop: a loudness curve for detection and mixing.
    public static func momentaryCurve(_ samples: [Float], channels: Int = AudioGrid.channels,
                                      sampleRate: Int = AudioGrid.sampleRate, hop: Double = 0.1) throws(MediaError) -> [Double] {
        let meter = try LoudnessMeter(channels: channels, sampleRate: sampleRate, measures: .momentary)
        let step = max(1, Int(Double(sampleRate) * hop)) * channels
        var curve: [Double] = []
        curve.reserveCapacity(samples.count / step)
        samples.withUnsafeBufferPointer { buffer in
            var start = 0
            while start + step <= buffer.count {
                meter.add(UnsafeBufferPointer(rebasing: buffer[start..<start + step]))
                curve.append(meter.momentary)
                start += step
            }
        }
        return curve
    }

    /// Integrated loudness (LUFS) and true peak (dBTP) of interleaved audio.
    public static func programLoudness(_ samples: [Float], channels: Int = AudioGrid.channels,
                                       sampleRate: Int = AudioGrid.sampleRate) throws(MediaError) -> (integrated: Double, truePeak: Double) {
        let meter = try LoudnessMeter(channels: channels, sampleRate: sampleRate, measures: [.integrated, .truePeak])
        samples.withUnsafeBufferPointer { meter.add($0) }
        return (meter.integrated, meter.truePeak)
    }
}
