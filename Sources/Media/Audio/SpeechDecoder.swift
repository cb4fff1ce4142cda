public import Foundation
internal import CFFmpeg
internal import CFFmpegShims

/// Decodes speech a cloud service sent as encoded audio (MP3, or AAC, Opus or Vorbis in the
/// containers uploads may use) to mono float at the output rate, `AudioGrid.sampleRate`.
///
/// The input is opened with `AllowedContainers.speech`, the only list that has `mp3`. Samples
/// are joined in decoding order (speech is one run of sound); the encoder's delay and padding
/// are left out when the file says how long they are (the LAME/Info header of an MP3, the edit
/// list of an MP4), as FFmpeg's decoder drops the samples the demuxer marks to skip.
/// Damaged or truncated speech is an error, not a short silence: the caller asks again.
public enum SpeechDecoder {
    /// Speech longer than this (seconds) is refused: a line lasts at most an interval (120 s at
    /// most), and a few hundred kilobytes of low-rate MP3 must not become hundreds of megabytes.
    public static let longest = 300.0

    /// Speech held in memory (a reply's body).
    public static func decode(_ bytes: [UInt8]) throws(MediaError) -> [Float] {
        try decode(bytes, longest: longest)
    }

    /// Speech in a file.
    public static func decode(contentsOf url: URL) throws(MediaError) -> [Float] {
        try decode(MediaInput(source: MediaSource(url), allowing: .speech), name: url.lastPathComponent, longest: longest)
    }

    static func decode(_ bytes: [UInt8], longest: Double) throws(MediaError) -> [Float] {
        try decode(MediaInput(bytes: bytes, name: "the speech", allowing: .speech), name: "the speech", longest: longest)
    }

    private static func decode(_ input: MediaInput, name: String, longest: Double) throws(MediaError) -> [Float] {
        defer { input.close() }
        guard let index = input.firstStream(of: AVMEDIA_TYPE_AUDIO) else {
            throw MediaError(.noAudioStream, "\(name) has no audio stream")
        }
        for other in 0..<input.streamCount where other != index {
            input.stream(other).pointee.discard = AVDISCARD_ALL
        }
        let decoder = try AudioStreamDecoder(input.stream(index))
        var output = MonoSpeech(limit: Int(longest * Double(AudioGrid.sampleRate)))
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        guard let packet else { throw MediaError(.io, "out of memory") }
        while try input.read(into: packet) {
            defer { av_packet_unref(packet) }
            guard Int(packet.pointee.stream_index) == index else { continue }
            try decoder.send(packet) { (frame) throws(MediaError) in try output.append(frame) }
        }
        try decoder.send(nil) { (frame) throws(MediaError) in try output.append(frame) }
        let samples = try output.finish()

        if decoder.rejectedPackets > 0 {
            throw MediaError(.corruptFile, "\(name) is damaged: \(decoder.rejectedPackets) packets would not decode")
        }
        guard !samples.isEmpty else { throw MediaError(.corruptFile, "\(name) holds no sound that decodes") }
        if let declared = declaredDuration(input, stream: index) {
            // The declared duration may count the encoder's delay and padding (tens of ms).
            let decoded = Double(samples.count) / Double(AudioGrid.sampleRate)
            if decoded < declared - max(0.15, declared * 0.05) {
                throw MediaError(.corruptFile, String(format: "%@ is cut short: only %.2f s of its %.2f s decode", name, decoded, declared))
            }
        }
        return samples
    }

    /// The sound's duration as the container states it (an MP3's Info header, an MP4's index);
    /// nil when the demuxer only estimated it from the bit rate and the size.
    private static func declaredDuration(_ input: MediaInput, stream index: Int) -> Double? {
        guard let context = input.context, context.pointee.duration_estimation_method != AVFMT_DURATION_FROM_BITRATE else {
            return nil
        }
        let stream = input.stream(index)
        let duration = stream.pointee.duration
        guard duration != FFmpegCodes.noTimestamp, duration > 0 else { return nil }
        return Rational(Int64(stream.pointee.time_base.num), Int64(stream.pointee.time_base.den)).seconds(duration)
    }
}
