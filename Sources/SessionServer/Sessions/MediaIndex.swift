import Foundation

/// Media keys to output folders, and the number of sessions held: read by the HTTP handler
/// on the loop thread, so behind a lock rather than an actor.
final class MediaIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var folders: [String: URL] = [:]

    func add(key: String, folder: URL) { lock.withLock { folders[key] = folder } }
    func remove(key: String) { lock.withLock { folders[key] = nil } }
    func folder(for key: String) -> URL? { lock.withLock { folders[key] } }
    var count: Int { lock.withLock { folders.count } }
}
