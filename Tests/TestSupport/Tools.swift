public import Foundation

/// Runs the ffmpeg and ffprobe command-line tools, the independent judges of what we write.
public enum Tools {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    @discardableResult
    public static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = Reader(output.fileHandleForReading)
        let errorData = Reader(errors.fileHandleForReading)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(String(decoding: errorData.wait(), as: UTF8.self))")
        }
        return outputData.wait()
    }

    /// Drains a pipe on another thread so a large output cannot block the tool.
    private final class Reader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            DispatchQueue.global().async {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }

    public static func ffmpeg(_ arguments: [String]) throws {
        try run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y"] + arguments)
    }

    /// ffprobe's JSON for `entries` of a file.
    public static func probe(_ url: URL, _ arguments: [String]) throws -> [String: Any] {
        let data = try run("ffprobe", ["-v", "error", "-of", "json"] + arguments + [url.path])
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    public static func formatDuration(_ url: URL) throws -> Double {
        let json = try probe(url, ["-show_entries", "format=duration"])
        return Double((json["format"] as? [String: Any])?["duration"] as? String ?? "") ?? -1
    }

    /// The first channel of a file's sound, decoded by ffmpeg at 44.1 kHz.
    public static func decodedAudio(_ url: URL) throws -> [Float] {
        let data = try run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", url.path, "-map", "0:a:0",
                                      "-f", "f32le", "-ac", "2", "-ar", "44100", "-"])
        let stereo = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        return stride(from: 0, to: stereo.count, by: 2).map { stereo[$0] }
    }

    /// SHA-256 over the data of every packet of one stream, as stored (no decoding).
    public static func packetHash(_ url: URL, stream: String) throws -> String {
        let data = try run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", url.path, "-map", "0:\(stream)",
                                      "-c", "copy", "-f", "hash", "-hash", "sha256", "-"])
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The MD5 of the first decoded video frame.
    public static func firstFrameHash(_ url: URL) throws -> String {
        let data = try run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", url.path, "-map", "0:v:0",
                                      "-frames:v", "1", "-f", "md5", "-"])
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The top-level box types of an MP4 file, in order.
    public static func topLevelBoxes(_ url: URL) throws -> [String] {
        let bytes = [UInt8](try Data(contentsOf: url))
        var boxes: [String] = []
        var offset = 0
        while offset + 8 <= bytes.count {
            var size = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            boxes.append(String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self))
            if size == 1 {
                size = bytes[offset + 8..<offset + 16].reduce(0) { $0 << 8 | Int($1) }
            } else if size == 0 {
                size = bytes.count - offset
            }
            guard size >= 8 else { break }
            offset += size
        }
        return boxes
    }
}
