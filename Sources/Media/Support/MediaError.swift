internal import CFFmpeg
internal import CFFmpegShims

/// Every failure of the Media module: a reason a caller can act on, and a message a person can read.
public struct MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        /// The file does not exist or cannot be opened.
        case fileNotFound
        /// The file holds no bytes.
        case emptyFile
        /// The container is not one we open (only mp4/mov, matroska/webm and mpegts are; speech
        /// may also be mp3).
        case unsupportedFormat
        /// The file is a container we accept but is damaged or cut short.
        case corruptFile
        /// No video stream (playbyplay commentates videos).
        case noVideoStream
        /// No audio stream where sound was expected (speech from a service).
        case noAudioStream
        /// A stream's codec cannot be stream-copied into our chunks.
        case unsupportedCodec
        /// Input or output failed (disk full, permissions).
        case io
        /// An FFmpeg codec call failed.
        case codec
        /// The arguments broke a documented rule of the API.
        case invalidArgument
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }

    /// An error for an FFmpeg return code, with FFmpeg's own text.
    static func ffmpeg(_ code: Int32, _ what: String, reason: Reason = .codec) -> MediaError {
        MediaError(reason, "\(what): \(ffmpegErrorText(code))")
    }
}

func ffmpegErrorText(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    CFFmpegShims_errorString(code, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Throws a `MediaError` when an FFmpeg call returned a negative code.
@discardableResult
func check(_ code: Int32, _ what: @autoclosure () -> String, reason: MediaError.Reason = .codec) throws(MediaError) -> Int32 {
    if code < 0 { throw MediaError.ffmpeg(code, what(), reason: reason) }
    return code
}

enum FFmpegCodes {
    static let eof = CFFmpegShims_AVERROR_EOF
    static let again = CFFmpegShims_AVERROR(EAGAIN)
    static let noTimestamp = CFFmpegShims_AV_NOPTS_VALUE
    static let keyFlag = CFFmpegShims_AV_PKT_FLAG_KEY
    static let discardFlag = CFFmpegShims_AV_PKT_FLAG_DISCARD
}
