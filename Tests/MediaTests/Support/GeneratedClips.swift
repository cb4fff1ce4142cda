import Foundation
import TestSupport

/// Clips the tests make with ffmpeg's lavfi sources, once per test run, so the tests need no
/// media files and run anywhere ffmpeg does.
enum GeneratedClips {
    static var folder: URL { TestFiles.folder }

    /// 95 s, 640x360, 25 fps H.264 with a 2 s GOP (B-frames on), and a steady 440 Hz sine on
    /// a 48 kHz stereo AAC track.
    static let sine95: Result<URL, any Error> = Result {
        try make("sine95.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "95", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "50", "-keyint_min", "50",
            "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", "-b:a", "128k",
        ])
    }

    /// 12 s of video with no sound.
    static let silentVideo: Result<URL, any Error> = Result {
        try make("silent.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
            "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
        ])
    }

    /// 10 s of sound alone (an M4A: an MP4 with no video).
    static let audioOnly: Result<URL, any Error> = Result {
        try make("audio.m4a", ["-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100", "-t", "10", "-c:a", "aac"])
    }

    /// The same 12 s clip with a 44.1 kHz mono track, in MPEG-TS (Annex B H.264, arbitrary start time).
    static let transportStream: Result<URL, any Error> = Result {
        try make("clip.ts", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100",
            "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "1", "-f", "mpegts",
        ])
    }

    private static func make(_ name: String, _ arguments: [String]) throws -> URL {
        try TestFiles.generate(name, arguments)
    }

    static func scratch(_ name: String) -> URL { TestFiles.scratch(name) }

    static func sharedClip(_ name: String) -> URL? { TestFiles.sharedClip(name) }
}
