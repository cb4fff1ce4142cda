public import Foundation

/// Makes a session's chunks from its source video: video packets stream-copied, the sound
/// decoded, ducked under the speech, encoded to AAC on a grid shared by all chunks, and
/// written as a standalone MP4 and as an fMP4 media segment.
///
/// Chunks may be assembled in any order and in parallel (each call opens its own demuxer,
/// decoder and encoder), and adjacent chunks still join without a gap or click: every chunk
/// encodes a few frames before and after its own, and near a boundary the mix is the
/// original sound alone, so both sides encode the same samples there.
public struct ChunkAssembler: Sendable {
    public let source: MediaSource
    public let info: MediaInfo
    public let directory: URL
    public let mixer: DuckingMixer
    /// How many encoders share one chunk's audio (see `ParallelAACEncoding`).
    public let encoderThreads: Int
    /// The programme-level blocks measured so far (broadcast mix), shared by the session's chunks.
    let programLevels = ProgramLevelCache()
    let layout: TrackLayout

    public init(source: MediaSource, info: MediaInfo, directory: URL, mixer: DuckingMixer = DuckingMixer(),
                encoderThreads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(MediaError) {
        self.source = source
        self.encoderThreads = max(1, encoderThreads)
        self.info = info
        self.directory = directory
        self.mixer = mixer
        let video = try VideoTrackFormat.make(codec: info.video.codec, extradata: try Self.videoExtradata(source, info),
                                              width: info.video.width, height: info.video.height)
        layout = TrackLayout(info: info, video: video, audioConfiguration: try AACEncoder().extradata)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw MediaError(.io, "cannot create \(directory.path): \(error.localizedDescription)")
        }
    }

    private static func videoExtradata(_ source: MediaSource, _ info: MediaInfo) throws(MediaError) -> [UInt8] {
        try MediaInput(source: source, analysis: .headerWhenComplete).extradata(stream: info.video.streamIndex)
    }

    /// Writes the init segment and the track layout the final assembly reads.
    @discardableResult
    public func writeInitSegment() throws(MediaError) -> URL {
        let url = directory.appendingPathComponent(OutputNames.initSegment)
        try AtomicFile.write(FragmentedMP4.initSegment(layout), to: url)
        let json: Data
        do { json = try JSONEncoder().encode(layout) } catch { throw MediaError(.io, "encoding the track layout") }
        try AtomicFile.write(Array(json), to: directory.appendingPathComponent(OutputNames.trackLayout))
        return url
    }

    /// Assembles one chunk with the speech that belongs to it (clips are kept clear of the
    /// chunk's boundaries; see `DuckingMixer.confine`). The video is read twice, its layout
    /// then its data packet by packet, each packet going to both files as it comes.
    public func assemble(_ span: ChunkSpan, speech: [SpeechClip] = []) throws(MediaError) -> ChunkFiles {
        guard span.end > span.start else { throw MediaError(.invalidArgument, "chunk \(span.index) is empty") }
        let video = try VideoPacketReader.layout(span, source: source, info: info, format: layout.video)
        let plan = ChunkAudioPlan(span: span)
        let clips = mixer.confine(speech, toChunkFrom: plan.start, to: plan.end)
        let packets = try encodeAudio(plan, clips: clips)
        let segmentAudio = packets.filter {
            $0.pts / Int64(AudioGrid.frameSize) >= plan.segmentFirst && $0.pts / Int64(AudioGrid.frameSize) < plan.segmentEnd
        }

        let segmentURL = directory.appendingPathComponent(OutputNames.segment(span.index))
        let mp4URL = directory.appendingPathComponent(OutputNames.chunk(span.index))
        let head = FragmentedMP4.mediaSegmentHead(sequence: UInt32(span.index + 1),
                                                  tracks: [videoFragment(video), audioFragment(segmentAudio)])
        let writer = try MP4FileWriter(writing: mp4URL, layout: layout, videoTimeBase: info.video.timeBase)
        let shift = span.startKeyframePts ?? info.video.originPts
        let videoTimeBase = info.video.timeBase
        var audio = packets[...]
        try AtomicFile.write(to: segmentURL) { segment throws(MediaError) in
            try segment.write(head[...])
            var count = 0
            try VideoPacketReader.forEach(span, source: source, info: info, format: layout.video) { i, data throws(MediaError) in
                guard i < video.count, data.count == video[i].size else {
                    throw MediaError(.corruptFile, "chunk \(span.index): the video changed while it was read")
                }
                let sample = video[i]
                try segment.write(data[...])
                // The standalone file interleaves: the audio up to this frame's decode time first.
                let videoSeconds = videoTimeBase.seconds(sample.dts - shift)
                while let next = audio.first, Double(next.pts - plan.start) / Double(AudioGrid.sampleRate) <= videoSeconds {
                    try writeAudio(writer, next, plan: plan)
                    audio = audio.dropFirst()
                }
                try writer.writeVideo(data[...], pts: sample.pts - shift, dts: sample.dts - shift,
                                      duration: sample.duration, isSync: sample.isSync)
                count += 1
            }
            guard count == video.count else { throw MediaError(.corruptFile, "chunk \(span.index): the video changed while it was read") }
            for packet in segmentAudio { try segment.write(packet.data[...]) }
        }
        for packet in audio { try writeAudio(writer, packet, plan: plan) }
        try writer.finish()
        return ChunkFiles(span: span, mp4: mp4URL, segment: segmentURL)
    }

    private func videoFragment(_ samples: [MediaSample]) -> TrackFragment {
        TrackFragment(
            trackID: TrackLayout.videoTrackID,
            baseDecodeTime: layout.videoDecodeTime(samples[0].dts),
            samples: samples.map { sample in
                FragmentSample(size: sample.size, duration: UInt32(sample.duration * layout.tickScale),
                               compositionOffset: Int32(layout.videoPresentationTime(sample.pts) - layout.videoDecodeTime(sample.dts)),
                               isSync: sample.isSync)
            })
    }

    private func audioFragment(_ packets: [AACPacket]) -> TrackFragment {
        TrackFragment(
            trackID: TrackLayout.audioTrackID,
            baseDecodeTime: (packets.first?.pts ?? 0) + TrackLayout.audioPriming,
            samples: packets.map {
                FragmentSample(size: $0.data.count, data: $0.data[...], duration: UInt32(AudioGrid.frameSize), compositionOffset: 0, isSync: true)
            })
    }

    /// The last packet's duration ends the track exactly at the chunk's end.
    private func writeAudio(_ writer: MP4FileWriter, _ packet: AACPacket, plan: ChunkAudioPlan) throws(MediaError) {
        let frame = Int64(AudioGrid.frameSize)
        let duration = min(frame, plan.end - packet.pts)
        try writer.writeAudio(packet.data[...], pts: packet.pts - plan.start, duration: max(1, duration))
    }
}
