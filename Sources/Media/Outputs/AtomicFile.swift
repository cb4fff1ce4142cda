import Foundation

/// Writes a file under a temporary name and renames it into place, so a reader (the media
/// server, a resumed session) sees the old file or the whole new one, never a part.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to url: URL) throws(MediaError) {
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw MediaError(.io, "cannot write \(url.lastPathComponent): \(error.localizedDescription)")
        }
    }

    static func write(_ text: String, to url: URL) throws(MediaError) {
        try write(Array(text.utf8), to: url)
    }

    static func read(_ url: URL) throws(MediaError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw MediaError(.io, "cannot read \(url.lastPathComponent): \(error.localizedDescription)")
        }
    }
}
