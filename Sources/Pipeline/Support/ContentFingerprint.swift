import Hashing
public import Foundation
import SessionModel

/// A cheap key for a video's content in cache names: its size and its first and last MiB.
/// (The server keys its cache by session instead: it starts before the upload is all there.)
public enum ContentFingerprint {
    public static func of(_ url: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "unreadable" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let span: UInt64 = 1 << 20
        var hasher = SHA256()
        try? handle.seek(toOffset: 0)
        hasher.update((try? handle.read(upToCount: Int(span))) ?? Data())
        try? handle.seek(toOffset: size > span ? size - span : 0)
        hasher.update((try? handle.read(upToCount: Int(span))) ?? Data())
        return "\(size)-\(hexString(hasher.finalize()))"
    }
}
