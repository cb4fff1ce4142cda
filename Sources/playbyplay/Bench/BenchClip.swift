import Foundation

/// The benchmark's default input: 720p25 H.264 (2 s GOP) with a crowd-like sound, noise
/// whose level swells in bursts, made by ffmpeg's lavfi sources; its index comes first
/// (faststart), as in a file prepared for the web, so processing can start during the upload.
enum BenchClip {
    /// The work folder (made if missing) and the video given, or the generated clip of `seconds`.
    static func input(_ video: String?, seconds: Int, work: String) throws -> (source: URL, folder: URL) {
        let folder = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try input(video, seconds: seconds, folder: folder), folder)
    }

    private static func input(_ video: String?, seconds: Int, folder: URL) throws -> URL {
        if let video {
            guard FileManager.default.fileExists(atPath: video) else { throw ExternalTool.Failure(description: "no such file: \(video)") }
            return URL(fileURLWithPath: video)
        }
        guard let ffmpeg = ExternalTool.path("ffmpeg") else {
            throw ExternalTool.Failure(description: "ffmpeg is not on PATH: give --video to benchmark without it")
        }
        Console.line("generating a \(seconds) s 720p25 clip with crowd-like bursts…")
        return try generate(seconds: seconds, into: folder, ffmpeg: ffmpeg)
    }

    /// `videoMbps`: a constrained video bitrate (nil: what the encoder makes of the pattern).
    static func generate(seconds: Int, into folder: URL, ffmpeg: String, videoMbps: Double? = nil) throws -> URL {
        let rate = videoMbps.map { String(format: "-%.0fk", $0 * 1000) } ?? ""
        let url = folder.appendingPathComponent("bench-\(seconds)s-720p\(rate)-faststart.mp4")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let crowd = "anoisesrc=color=pink:sample_rate=48000:amplitude=0.3,volume='0.35+0.65*gt(sin(t*0.7)*sin(t*0.13),0.5)':eval=frame"
        try ExternalTool.run(ffmpeg, [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
            "-f", "lavfi", "-i", crowd,
            "-t", "\(seconds)", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-keyint_min", "50",
            "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", "-b:a", "128k", "-movflags", "+faststart",
        ] + (videoMbps.map { mbps in
            let k = Int(mbps * 1000)
            return ["-b:v", "\(k)k", "-minrate", "\(k)k", "-maxrate", "\(k)k", "-bufsize", "\(2 * k)k", "-x264-params", "nal-hrd=cbr"]
        } ?? []) + [url.path])
        return url
    }

    /// The same video, stream-copied into `container`: faststart (index first), moov-last
    /// (index after the media data, as phones write), mkv, ts.
    static func remux(_ source: URL, to container: String, into folder: URL, ffmpeg: String) throws -> URL {
        let stem = source.deletingPathExtension().lastPathComponent.replacingOccurrences(of: "-faststart", with: "")
        let (suffix, arguments): (String, [String]) = switch container {
        case "faststart": ("-faststart.mp4", ["-movflags", "+faststart"])
        case "moov-last": ("-moov-last.mp4", ["-f", "mp4"])
        case "mkv": (".mkv", ["-f", "matroska"])
        case "ts": (".ts", ["-bsf:v", "h264_mp4toannexb", "-f", "mpegts"])
        default: throw ExternalTool.Failure(description: "unknown container '\(container)' (faststart, moov-last, mkv, ts)")
        }
        let url = folder.appendingPathComponent(stem + suffix)
        if url == source || FileManager.default.fileExists(atPath: url.path) { return url }
        try ExternalTool.run(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-i", source.path, "-c", "copy"] + arguments + [url.path])
        return url
    }

    /// A 3 s stand-in for a commentary line: a voiced-sounding tone with a syllable rhythm.
    static func speech(seconds: Double = 3) -> [Float] {
        let rate = 44_100.0
        return (0..<Int(seconds * rate)).map { i in
            let t = Double(i) / rate
            let syllables = 0.5 + 0.5 * sin(2 * .pi * 4 * t)
            return Float(0.3 * syllables * (sin(2 * .pi * 180 * t) + 0.5 * sin(2 * .pi * 360 * t)))
        }
    }
}
