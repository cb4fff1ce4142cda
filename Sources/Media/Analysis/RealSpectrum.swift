internal import CFFmpeg

/// Power spectra of real frames through FFmpeg's own transform (`av_tx`, a real-input DFT):
/// `size` samples in (Hann-windowed, zero-padded when fewer), `size / 2 + 1` powers out. The
/// inverse transform of a power spectrum gives the frame's (circular) autocorrelation, for
/// pitch and voicing.
///
/// One owner: not `Sendable`; the transform contexts and their aligned buffers belong to the
/// one task that uses it and are freed in `deinit`.
public final class RealSpectrum {
    public let size: Int
    private var forward: OpaquePointer?
    private var inverse: OpaquePointer?
    private let forwardTransform: av_tx_fn
    private let inverseTransform: av_tx_fn
    /// `size` floats: the windowed frame, then the autocorrelation.
    private let real: UnsafeMutablePointer<Float>
    /// `size / 2 + 1` complex values.
    private let complex: UnsafeMutablePointer<AVComplexFloat>
    private let window: [Float]

    /// `size` must be even (a power of two is fastest).
    public init(size: Int) throws(MediaError) {
        guard size >= 4, size % 2 == 0 else { throw MediaError(.invalidArgument, "a spectrum needs an even size of at least 4, not \(size)") }
        self.size = size
        var scale: Float = 1
        var forward: OpaquePointer?, inverse: OpaquePointer?
        var forwardTransform: av_tx_fn?, inverseTransform: av_tx_fn?
        let made = av_tx_init(&forward, &forwardTransform, AV_TX_FLOAT_RDFT, 0, Int32(size), &scale, 0)
        var inverseScale: Float = 1 / Float(size)
        let madeInverse = av_tx_init(&inverse, &inverseTransform, AV_TX_FLOAT_RDFT, 1, Int32(size), &inverseScale, 0)
        let realBytes = size * MemoryLayout<Float>.stride
        let complexBytes = (size / 2 + 1) * MemoryLayout<AVComplexFloat>.stride
        guard made >= 0, madeInverse >= 0, let forwardTransform, let inverseTransform,
              let real = av_malloc(realBytes), let complex = av_malloc(complexBytes) else {
            av_tx_uninit(&forward)
            av_tx_uninit(&inverse)
            throw MediaError(.invalidArgument, "av_tx could not set up a real transform of \(size) samples")
        }
        self.forward = forward
        self.inverse = inverse
        self.forwardTransform = forwardTransform
        self.inverseTransform = inverseTransform
        self.real = real.bindMemory(to: Float.self, capacity: size)
        self.complex = complex.bindMemory(to: AVComplexFloat.self, capacity: size / 2 + 1)
        window = (0..<size).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size))) }
    }

    deinit {
        av_tx_uninit(&forward)
        av_tx_uninit(&inverse)
        av_free(real)
        av_free(complex)
    }

    /// Powers of bins 0...size/2 of the Hann-windowed `samples` (at most `size` of them used).
    public func power(of samples: UnsafeBufferPointer<Float>) -> [Float] {
        let count = min(samples.count, size)
        for i in 0..<count { real[i] = samples[i] * window[i] }
        for i in count..<size { real[i] = 0 }
        // FFmpeg 5.1's real transform leaves the Nyquist bin's imaginary part (always zero) unwritten.
        complex[size / 2] = AVComplexFloat(re: 0, im: 0)
        forwardTransform(forward, complex, real, MemoryLayout<Float>.stride)
        return (0...size / 2).map { complex[$0].re * complex[$0].re + complex[$0].im * complex[$0].im }
    }

    public func power(of samples: [Float]) -> [Float] {
        samples.withUnsafeBufferPointer { power(of: $0) }
    }

    /// The circular autocorrelation, lags 0..<size, of the frame whose `power` (size/2 + 1 bins) this is.
    public func autocorrelation(ofPower power: [Float]) -> [Float] {
        precondition(power.count == size / 2 + 1, "a power spectrum of this size has \(size / 2 + 1) bins")
        for (k, value) in power.enumerated() { complex[k] = AVComplexFloat(re: value, im: 0) }
        inverseTransform(inverse, real, complex, MemoryLayout<AVComplexFloat>.stride)
        return Array(UnsafeBufferPointer(start: real, count: size))
    }
}
