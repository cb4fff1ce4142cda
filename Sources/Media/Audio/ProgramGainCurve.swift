/// The programme gain over a stretch of output samples: linear gains at consecutive grid
/// points from `firstPoint`, interpolated linearly in between. The gain at sample n depends
/// only on n and the two grid gains around it, never on where the stretch starts.
struct ProgramGainCurve: Sendable, Equatable {
    let firstPoint: Int
    let gains: [Float]

    /// The gain at output sample n (inside the stretch the curve was made for).
    @inline(__always)
    func gain(at n: Int64) -> Float {
        let block = ProgramLevel.block(holding: n)
        let a = gains[block - firstPoint], b = gains[block + 1 - firstPoint]
        let into = Float(n - Int64(block) * ProgramLevel.blockSamples) / Float(ProgramLevel.blockSamples)
        return a + (b - a) * into
    }

    /// Multiplies interleaved stereo `samples`, whose first frame is output sample `first`, by the gain.
    func apply(to samples: inout [Float], first: Int64) {
        samples.withUnsafeMutableBufferPointer { buffer in
            for frame in 0..<(buffer.count / AudioGrid.channels) {
                let g = gain(at: first + Int64(frame))
                buffer[2 * frame] *= g
                buffer[2 * frame + 1] *= g
            }
        }
    }
}
