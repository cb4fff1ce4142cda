import Foundation
import Hashing
import SessionModel

/// The upload's SHA-256, kept only when the client declared one to check against (hashing
/// every upload took the cooperative threads the pipelines need). Bytes arriving in order are
/// hashed as they are stored; what came out of order is hashed from the stored file at the end.
struct UploadHash: Sendable {
    private var hasher = SHA256()
    /// The first `hashed` bytes are in the hash.
    private(set) var hashed: Int64 = 0

    /// What a restarted server already holds, read again when it is one unbroken run from 0.
    init(continuing file: URL, stored: ByteRanges) {
        if stored.count == stored.prefix { feed(from: file, to: stored.prefix) }
    }

    mutating func update(_ payload: ArraySlice<UInt8>, at offset: Int64) {
        guard offset == hashed else { return }
        hasher.update(payload)
        hashed += Int64(payload.count)
    }

    /// The digest of `size` bytes when all of them came in order, else nil.
    func digest(size: Int64) -> String? {
        hashed == size ? hexString(hasher.finalize()) : nil
    }

    /// The digest of the file's first `size` bytes, going on from the bytes hashed in order.
    func digest(of file: URL, size: Int64) -> String {
        var whole = self
        whole.feed(from: file, to: size)
        return hexString(whole.hasher.finalize())
    }

    /// Hashes the file's bytes [hashed, end), a MiB at a time.
    private mutating func feed(from file: URL, to end: Int64) {
        guard end > hashed, let handle = try? FileHandle(forReadingFrom: file) else { return }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(hashed))) != nil else { return }
        while hashed < end, let block = try? handle.read(upToCount: Int(min(end - hashed, 1 << 20))), !block.isEmpty {
            hasher.update(block)
            hashed += Int64(block.count)
        }
    }
}
