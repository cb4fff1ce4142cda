import Cluster
import Foundation
import SessionModel

/// A session's outputs in the object store, under `media/KEY/NAME`: written by the owner as
/// they are made, served by any server (whole, or one range answered 206). Names that never
/// change once written (chunks, segments, init, poster) are cacheable for good; the playlist,
/// captions and final file only briefly. Blocking.
enum StoreMedia {
    static func prefix(_ mediaKey: String) -> String { "media/\(mediaKey)/" }

    static func key(_ mediaKey: String, _ name: String) -> String { prefix(mediaKey) + name }

    /// Files written once and never changed (a takeover copies them back instead of making them again).
    static func isMadeOnce(_ name: String) -> Bool {
        name.hasPrefix("chunk-") || name.hasPrefix("segment-") || name == "init.mp4" || name == "poster.jpg"
    }

    static func cacheControl(for name: String) -> String {
        isMadeOnce(name) ? "public, max-age=31536000, immutable" : "public, max-age=2"
    }

    /// A file of another server's session: copied from the store (`StoreMediaCache`) and
    /// served as any file is (Range → 206), cacheable by a CDN as its name allows.
    static func response(from cache: StoreMediaCache, route: MediaRoute, range: String?) -> HTTPResponse {
        let type = MediaRoute.contentType(for: route.name) ?? "application/octet-stream"
        do throws(ClusterError) {
            guard let file = try cache.file(key: route.key, name: route.name) else { return .text(404, "not found\n") }
            return MediaFiles.response(file, type: type, range: range, cacheControl: cacheControl(for: route.name))
        } catch {
            return .text(503, "the media store cannot be reached now\n")
        }
    }
}

/// A cluster session's outputs copied to the store as they are made: every file of out/ with
/// a media name whose size or time changed since it was last copied. Runs only on the
/// session's serial write queue, before the event that announces the files is journaled.
final class OutputMirror: @unchecked Sendable {
    let folder: URL
    let mediaKey: String
    let objects: any ObjectStore
    private var copied: [String: String] = [:]

    init(folder: URL, mediaKey: String, objects: any ObjectStore) {
        self.folder = folder
        self.mediaKey = mediaKey
        self.objects = objects
    }

    func sync() throws(ClusterError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() {
            guard let type = MediaRoute.contentType(for: name) else { continue }
            let file = folder.appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else { continue }
            let stamp = "\(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? 0)"
            guard copied[name] != stamp else { continue }
            try objects.put(StoreMedia.key(mediaKey, name), file: file, contentType: type)
            copied[name] = stamp
        }
    }
}

extension ServerEvent {
    /// Whether the event tells the client of files in out/ (so they must be in the store first).
    var announcesMedia: Bool {
        switch self {
        case .chunkReady, .poster, .complete, .cancelled: true
        default: false
        }
    }
}
