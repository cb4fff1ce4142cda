public import Foundation

/// Assembles final.mp4 from a session's fMP4 segments by stream copy: every video frame and
/// AAC packet exactly as the chunks hold them, one continuous audio track on the shared grid.
public enum FinalAssembler {
    @discardableResult
    public static func assemble(directory: URL, spans: [ChunkSpan]) throws(MediaError) -> URL {
        let ordered = spans.sorted { $0.start < $1.start }
        guard let last = ordered.last else { throw MediaError(.invalidArgument, "no chunks to assemble") }
        let layoutData = try AtomicFile.read(directory.appendingPathComponent(OutputNames.trackLayout))
        let layout: TrackLayout
        do { layout = try JSONDecoder().decode(TrackLayout.self, from: Data(layoutData)) } catch {
            throw MediaError(.corruptFile, "the track layout is unreadable")
        }
        let missing = ordered.filter { !FileManager.default.fileExists(atPath: directory.appendingPathComponent(OutputNames.segment($0.index)).path) }
        guard missing.isEmpty else {
            throw MediaError(.invalidArgument, "chunks missing for the final video: \(missing.map(\.index))")
        }
        let endSample = AudioGrid.sample(at: last.end)
        let url = directory.appendingPathComponent(OutputNames.finalVideo)
        let writer = try MP4FileWriter(writing: url, layout: layout, videoTimeBase: Rational(1, layout.videoTimescale))
        for span in ordered {
            let bytes = try AtomicFile.read(directory.appendingPathComponent(OutputNames.segment(span.index)))
            let fragments = try FragmentReader.tracks(in: bytes)
            guard let video = fragments.first(where: { $0.trackID == TrackLayout.videoTrackID }),
                  let audio = fragments.first(where: { $0.trackID == TrackLayout.audioTrackID }) else {
                throw MediaError(.corruptFile, "segment \(span.index) lacks a track")
            }
            try copy(video: video, audio: audio, layout: layout, endSample: endSample, to: writer)
        }
        try writer.finish()
        return url
    }

    private static func copy(video: TrackFragment, audio: TrackFragment, layout: TrackLayout, endSample: Int64,
                             to writer: MP4FileWriter) throws(MediaError) {
        var audioTime = audio.baseDecodeTime - TrackLayout.audioPriming
        var audioSamples = audio.samples[...]
        var decodeTime = video.baseDecodeTime
        let timescale = Double(layout.videoTimescale)
        for sample in video.samples {
            let dts = layout.finalVideoDts(decodeTime: decodeTime)
            let pts = decodeTime + Int64(sample.compositionOffset) - layout.videoPresentationShift
            while let next = audioSamples.first, Double(audioTime) / Double(AudioGrid.sampleRate) <= Double(dts) / timescale {
                try writer.writeAudio(next.data, pts: audioTime, duration: min(Int64(next.duration), max(1, endSample - audioTime)))
                audioTime += Int64(next.duration)
                audioSamples = audioSamples.dropFirst()
            }
            try writer.writeVideo(sample.data, pts: pts, dts: dts, duration: Int64(sample.duration), isSync: sample.isSync)
            decodeTime += Int64(sample.duration)
        }
        for next in audioSamples {
            try writer.writeAudio(next.data, pts: audioTime, duration: min(Int64(next.duration), max(1, endSample - audioTime)))
            audioTime += Int64(next.duration)
        }
    }
}
