import Cluster
import Foundation
import Media

/// Media a server that does not own the session serves from the store, copied into a local
/// folder first, so any file (a long final.mp4 too) goes out from disk with the file route's
/// Range handling, and memory holds at most one piece of it. Files written once are copied
/// once; the others (playlist, captions) are copied again for every request. Blocking.
struct StoreMediaCache: Sendable {
    let folder: URL
    let objects: any ObjectStore
    /// Bytes per ranged read from the store.
    var piece: Int64 = 8 << 20

    /// The local copy of `media/KEY/NAME`, nil when the store has no such object.
    func file(key: String, name: String) throws(ClusterError) -> URL? {
        let file = folder.appendingPathComponent(key).appendingPathComponent(name)
        let keeps = StoreMedia.isMadeOnce(name) || name == OutputNames.finalVideo || name == OutputNames.partialVideo
        if keeps, FileManager.default.fileExists(atPath: file.path) { return file }
        let object = StoreMedia.key(key, name)
        guard let size = try objects.size(of: object) else { return nil }
        let partial = file.deletingLastPathComponent().appendingPathComponent(".\(name).\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: partial.path, contents: nil)
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            var offset: Int64 = 0
            while offset < size {
                let end = min(size, offset + piece)
                guard let bytes = try objects.get(object, range: offset..<end) else { return nil }
                try handle.write(contentsOf: bytes)
                offset += Int64(bytes.count)
                if bytes.isEmpty { break }
            }
            // Readers of an earlier copy keep reading it; the next request sees this one.
            guard rename(partial.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch let error as ClusterError {
            try? FileManager.default.removeItem(at: partial)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw ClusterError(.rejected, "the store's \(object) cannot be copied here: \(error.localizedDescription)")
        }
        return file
    }

    /// Forgets the copies of a session's media (retention).
    func remove(key: String) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(key))
    }

    /// Forgets the copies of sessions nobody asked about for `age` (their sessions may be gone
    /// from the cluster already, deleted by another server).
    func evict(olderThan age: Duration, now: Date = Date()) {
        let keys = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        let limit = now.addingTimeInterval(-Double(age.components.seconds))
        for key in keys {
            guard let changed = try? key.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate, changed < limit else { continue }
            try? FileManager.default.removeItem(at: key)
        }
    }
}
