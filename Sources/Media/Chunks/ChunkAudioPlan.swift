/// Which AAC packets one chunk encodes and keeps, on the grid shared by all chunks.
struct ChunkAudioPlan: Equatable {
    /// Output samples of the chunk: [start, end).
    var start: Int64
    var end: Int64
    /// Packets the fMP4 segment owns: [segmentFirst, segmentEnd). Adjacent chunks own adjacent
    /// ranges, and the first chunk also owns the priming packet -1.
    var segmentFirst: Int64
    var segmentEnd: Int64
    /// Packets of the standalone MP4: one packet before the one holding `start` (so the first
    /// kept sample decodes correctly) to the one holding `end - 1`.
    var standaloneFirst: Int64
    var standaloneEnd: Int64
    /// Output samples fed to the encoder: pre-roll before, post-roll after.
    var encodeStart: Int64
    var encodeEnd: Int64

    init(span: ChunkSpan) {
        start = AudioGrid.sample(at: span.start)
        end = AudioGrid.sample(at: span.end)
        let frame = Int64(AudioGrid.frameSize)
        segmentFirst = span.startKeyframePts == nil ? -1 : AudioGrid.packet(atOrAfter: start)
        segmentEnd = AudioGrid.packet(atOrAfter: end)
        standaloneFirst = min(AudioGrid.packet(holding: start) - 1, segmentFirst)
        standaloneEnd = max(AudioGrid.packet(holding: end - 1) + 1, segmentEnd)
        encodeStart = (standaloneFirst - 1 - Int64(AudioGrid.prerollFrames)) * frame
        encodeEnd = (standaloneEnd + 2) * frame
    }
}
