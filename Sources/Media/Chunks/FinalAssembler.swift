public import Foundation

/// Assembles final.mp4 from a session's fMP4 segments by stream copy: every video frame and
/// AAC packet exactly as the chunks hold them.
public enum FinalAssembler {
    /// `full` output: the chunks tile the timeline, so the audio is one continuous track on
    /// the shared grid, as if encoded in one pass.
    @discardableResult
    public static func assemble(directory: URL, spans: [ChunkSpan]) throws(MediaError) -> URL {
        let ordered = spans.sorted { $0.start < $1.start }
        guard let last = ordered.last else { throw MediaError(.invalidArgument, "no chunks to assemble") }
        return try write(directory: directory, spans: ordered, endSample: AudioGrid.sample(at: last.end)) { _, audio in
            Placement(videoShift: 0, audioStart: audio.baseDecodeTime - TrackLayout.audioPriming)
        }
    }

    /// `highlights` output, or what a cancelled session made: chunks from anywhere on the
    /// timeline, played one after another.
    /// The audio stays one gapless track; each chunk's video is placed against its own audio,
    /// so picture and sound stay within one AAC frame (23 ms) of each other at every chunk.
    @discardableResult
    public static func concatenate(directory: URL, spans: [ChunkSpan], named name: String = OutputNames.finalVideo) throws(MediaError) -> URL {
        let ordered = spans.sorted { $0.start < $1.start }
        guard !ordered.isEmpty else { throw MediaError(.invalidArgument, "no chunks to assemble") }
        let total = ordered.reduce(0) { $0 + $1.duration }
        var nextAudio: Int64?
        return try write(directory: directory, spans: ordered, endSample: AudioGrid.sample(at: total), named: name) { span, audio in
            let firstPacket = audio.baseDecodeTime - TrackLayout.audioPriming
            let lead = firstPacket - AudioGrid.sample(at: span.start)
            let audioStart = nextAudio ?? lead
            nextAudio = audioStart + Int64(audio.samples.count * AudioGrid.frameSize)
            let start = Double(audioStart - lead) / Double(AudioGrid.sampleRate)
            return Placement(videoShift: start - span.start, audioStart: audioStart)
        }
    }

    /// Where a chunk goes in the final video: how far its video moves (seconds) and the
    /// output sample its first audio packet starts at.
    struct Placement {
        var videoShift: Double
        var audioStart: Int64
    }

    private static func write(directory: URL, spans: [ChunkSpan], endSample: Int64, named name: String = OutputNames.finalVideo,
                              place: (ChunkSpan, TrackFragment) -> Placement) throws(MediaError) -> URL {
        let layoutData = try AtomicFile.read(directory.appendingPathComponent(OutputNames.trackLayout))
        let layout: TrackLayout
        do { layout = try JSONDecoder().decode(TrackLayout.self, from: Data(layoutData)) } catch {
            throw MediaError(.corruptFile, "the track layout is unreadable")
        }
        let missing = spans.filter { !FileManager.default.fileExists(atPath: directory.appendingPathComponent(OutputNames.segment($0.index)).path) }
        guard missing.isEmpty else {
            throw MediaError(.invalidArgument, "chunks missing for the final video: \(missing.map(\.index))")
        }
        let url = directory.appendingPathComponent(name)
        let writer = try MP4FileWriter(writing: url, layout: layout, videoTimeBase: Rational(1, layout.videoTimescale))
        var lastDts: Int64?
        for span in spans {
            let (fragments, file) = try FragmentReader.tracks(inSegmentAt: directory.appendingPathComponent(OutputNames.segment(span.index)))
            guard let video = fragments.first(where: { $0.trackID == TrackLayout.videoTrackID }),
                  let audio = fragments.first(where: { $0.trackID == TrackLayout.audioTrackID }) else {
                throw MediaError(.corruptFile, "segment \(span.index) lacks a track")
            }
            let placement = place(span, audio)
            let offset = Int64(placement.videoShift * Double(layout.videoTimescale))
            try copy(video: video, audio: audio, from: file, layout: layout, videoOffset: offset, audioStart: placement.audioStart,
                     endSample: endSample, lastDts: &lastDts, to: writer)
        }
        try writer.finish()
        return url
    }

    private static func copy(video: TrackFragment, audio: TrackFragment, from file: SegmentFile, layout: TrackLayout, videoOffset: Int64, audioStart: Int64,
                             endSample: Int64, lastDts: inout Int64?, to writer: MP4FileWriter) throws(MediaError) {
        var audioTime = audioStart
        var audioSamples = audio.samples[...]
        var decodeTime = video.baseDecodeTime
        let timescale = Double(layout.videoTimescale)
        // Decode times must rise: a chunk placed a little early moves later by the overlap.
        var shift = videoOffset
        if let lastDts, let first = video.samples.first.map({ _ in layout.finalVideoDts(decodeTime: decodeTime) + videoOffset }), first <= lastDts {
            shift += lastDts + 1 - first
        }
        for sample in video.samples {
            let dts = layout.finalVideoDts(decodeTime: decodeTime) + shift
            let pts = decodeTime + Int64(sample.compositionOffset) - layout.videoPresentationShift + shift
            while let next = audioSamples.first, Double(audioTime) / Double(AudioGrid.sampleRate) <= Double(dts) / timescale {
                try writer.writeAudio(try file.data(of: next), pts: audioTime, duration: min(Int64(next.duration), max(1, endSample - audioTime)))
                audioTime += Int64(next.duration)
                audioSamples = audioSamples.dropFirst()
            }
            try writer.writeVideo(try file.data(of: sample), pts: pts, dts: dts, duration: Int64(sample.duration), isSync: sample.isSync)
            lastDts = dts
            decodeTime += Int64(sample.duration)
        }
        for next in audioSamples {
            try writer.writeAudio(try file.data(of: next), pts: audioTime, duration: min(Int64(next.duration), max(1, endSample - audioTime)))
            audioTime += Int64(next.duration)
        }
    }
}
