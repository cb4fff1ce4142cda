import Foundation

/// The power spectrum of real input: a radix-2 complex FFT of half the size over the samples
/// taken in pairs (even as real, odd as imaginary), then split into the spectrum of the real
/// signal. Half the work of a full-size complex FFT, which this replaced.
struct PowerSpectrum {
    let size: Int
    private let window: [Double]
    /// e^(-2πik/size) for k in 0..<size/2: the half-size FFT uses every other one, the split all.
    private let cosines: [Double]
    private let sines: [Double]

    init(size: Int) {
        precondition(size > 3 && size & (size - 1) == 0, "size must be a power of two, at least 4")
        self.size = size
        window = (0..<size).map { 0.5 - 0.5 * cos(2 * .pi * Double($0) / Double(size)) }
        cosines = (0..<size / 2).map { cos(-2 * .pi * Double($0) / Double(size)) }
        sines = (0..<size / 2).map { sin(-2 * .pi * Double($0) / Double(size)) }
    }

    /// Power of bins 0...size/2 of the Hann-windowed `samples` (zero-padded to `size`).
    func callAsFunction(_ samples: ArraySlice<Float>) -> [Double] {
        let half = size / 2
        var re = [Double](repeating: 0, count: half), im = [Double](repeating: 0, count: half)
        for (i, s) in samples.prefix(size).enumerated() {
            if i & 1 == 0 { re[i >> 1] = Double(s) * window[i] } else { im[i >> 1] = Double(s) * window[i] }
        }
        transform(&re, &im)
        return (0...half).map { k in
            // Z[k] and conj(Z[half - k]) give the even and odd samples' spectra.
            let a = k % half, b = (half - k) % half
            let evenRe = (re[a] + re[b]) / 2, evenIm = (im[a] - im[b]) / 2
            let oddRe = (im[a] + im[b]) / 2, oddIm = (re[b] - re[a]) / 2
            let wr = k < half ? cosines[k] : -1, wi = k < half ? sines[k] : 0
            let xr = evenRe + wr * oddRe - wi * oddIm, xi = evenIm + wr * oddIm + wi * oddRe
            return xr * xr + xi * xi
        }
    }

    /// In-place radix-2 FFT of size/2 points; its twiddles are every other entry of the tables.
    private func transform(_ re: inout [Double], _ im: inout [Double]) {
        let n = re.count
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 { j ^= bit; bit >>= 1 }
            j |= bit
            if i < j { re.swapAt(i, j); im.swapAt(i, j) }
        }
        re.withUnsafeMutableBufferPointer { re in
            im.withUnsafeMutableBufferPointer { im in
                var length = 2
                while length <= n {
                    let step = 2 * n / length
                    for start in stride(from: 0, to: n, by: length) {
                        for k in 0..<length / 2 {
                            let wr = cosines[k * step], wi = sines[k * step]
                            let a = start + k, b = a + length / 2
                            let tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr
                            re[b] = re[a] - tr; im[b] = im[a] - ti
                            re[a] += tr; im[a] += ti
                        }
                    }
                    length <<= 1
                }
            }
        }
    }
}
