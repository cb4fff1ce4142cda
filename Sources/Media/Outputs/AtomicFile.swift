import Foundation

/// Writes a file under a temporary name and renames it into place, so a reader (the media
/// server, a resumed session) sees the old file or the whole new one, never a part.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to url: URL) throws(MediaError) {
        try write(to: url) { file throws(MediaError) in try file.write(bytes[...]) }
    }

    /// Writes what `body` gives, piece by piece, under a temporary name, then renames it.
    static func write(to url: URL, _ body: (FileOutput) throws(MediaError) -> Void) throws(MediaError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw MediaError(.io, "cannot write \(url.lastPathComponent): \(String(cString: strerror(errno)))") }
        let output = FileOutput(descriptor: descriptor, name: url.lastPathComponent)
        do throws(MediaError) {
            try body(output)
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        close(descriptor)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw MediaError(.io, "cannot write \(url.lastPathComponent): \(reason)")
        }
    }

    static func write(_ text: String, to url: URL) throws(MediaError) {
        try write(Array(text.utf8), to: url)
    }

    /// The whole file, read straight into one array.
    static func read(_ url: URL) throws(MediaError) -> [UInt8] {
        let file = try SegmentFile(url)
        return try file.read(at: 0, count: file.size)
    }
}

/// An open file that `AtomicFile.write(to:_:)` fills.
struct FileOutput {
    let descriptor: Int32
    let name: String

    func write(_ bytes: ArraySlice<UInt8>) throws(MediaError) {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw MediaError(.io, "cannot write \(name): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }
}
