import Foundation

extension ChunkAssembler {
    /// The chunk's sound, mixed and encoded: the packets of `plan` from its pre-roll on.
    func encodeAudio(_ plan: ChunkAudioPlan, clips: [SpeechClip]) throws(MediaError) -> [AACPacket] {
        var samples: [Float]
        if let levels = mixer.broadcast {
            // Mixed with a margin either side, so the limiter has its context everywhere it is kept.
            let margin = Int64(DuckingMixer.peakLimiter(levels).support)
            let range = (plan.encodeStart - margin)..<(plan.encodeEnd + margin)
            samples = try decodeMeasuringBlocks(range, levels.program)
            let measures = programLevels.measures(in: levels.program.blocks(for: range))
            let curve = levels.program.curve(for: range) { measures[$0] ?? .silent }
            try mixer.mix(&samples, firstSample: range.lowerBound, clips: clips, program: curve)
            samples.removeLast(Int(margin) * AudioGrid.channels)
            samples.removeFirst(Int(margin) * AudioGrid.channels)
        } else {
            samples = try AudioDecoder(source: source, info: info).decode(from: plan.encodeStart, count: Int(plan.encodeEnd - plan.encodeStart))
            mixer.mix(&samples, firstSample: plan.encodeStart, clips: clips)
        }
        return try ParallelAACEncoding.encode(samples, firstSample: plan.encodeStart,
                                              wanted: plan.standaloneFirst..<plan.standaloneEnd, parts: encoderThreads)
    }

    /// Decodes `range` and measures the programme-level blocks its gain depends on that no
    /// chunk has measured yet. The range is always decoded from its own start, as without the
    /// broadcast mix (a decoder may not give the same samples from every start, and the chunk's
    /// packets must not depend on the order chunks are made in). The same decode goes on as far
    /// as the blocks ahead need (a second or two past the chunk's end), in blocks, so the extra
    /// stretch is never held whole; blocks before the range that are missing (only when the
    /// chunk before has not been made) are measured from a decode of their own.
    private func decodeMeasuringBlocks(_ range: Range<Int64>, _ program: ProgramLevel) throws(MediaError) -> [Float] {
        let decoder = AudioDecoder(source: source, info: info)
        var ahead: BlockMeasurer?
        var to = range.upperBound
        if let missing = programLevels.missing(in: program.blocks(for: range)) {
            let split = min(max(BlockMeasurer.firstBlock(measurableFrom: range.lowerBound), missing.lowerBound), missing.upperBound)
            if split > missing.lowerBound {
                var behind = BlockMeasurer(missing.lowerBound..<split)
                let from = BlockMeasurer.firstSample(missing.lowerBound), end = Int64(split) * ProgramLevel.blockSamples
                try decode(decoder, from: from, to: end) { (run, first) throws(MediaError) in try behind.add(run, first: first) }
                programLevels.store(behind.measured)
            }
            if split < missing.upperBound {
                ahead = BlockMeasurer(split..<missing.upperBound)
                to = max(to, Int64(missing.upperBound) * ProgramLevel.blockSamples)
            }
        }
        let channels = AudioGrid.channels
        var samples = [Float](repeating: 0, count: Int(range.upperBound - range.lowerBound) * channels)
        try decode(decoder, from: range.lowerBound, to: to) { (run, first) throws(MediaError) in
            try ahead?.add(run, first: first)
            let frames = Int64(run.count / channels)
            let lower = max(first, range.lowerBound), upper = min(first + frames, range.upperBound)
            guard lower < upper else { return }
            let into = Int(lower - range.lowerBound) * channels
            let source = run[Int(lower - first) * channels..<Int(upper - first) * channels]
            samples.withUnsafeMutableBufferPointer { destination in
                _ = UnsafeMutableBufferPointer(rebasing: destination[into..<(into + source.count)]).update(fromContentsOf: source)
            }
        }
        if let ahead { programLevels.store(ahead.measured) }
        return samples
    }

    /// Decodes [from, to) in blocks of 2 s, handing over each with the output sample it starts at.
    private func decode(_ decoder: AudioDecoder, from: Int64, to: Int64,
                        _ body: (UnsafeBufferPointer<Float>, Int64) throws(MediaError) -> Void) throws(MediaError) {
        guard to > from else { return }
        var position = from
        try decoder.decode(from: from, count: Int(to - from), inBlocksOf: AudioGrid.sampleRate * 2) { (run) throws(MediaError) in
            try run.withUnsafeBufferPointer { (buffer) throws(MediaError) in try body(buffer, position) }
            position += Int64(run.count / AudioGrid.channels)
        }
    }
}
