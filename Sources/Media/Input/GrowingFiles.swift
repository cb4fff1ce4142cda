import Foundation

/// How much of a file that is still being written (an upload) is there. Readers of the file
/// wait for bytes that have not arrived instead of taking the end of what is stored for the
/// end of the file.
public final class UploadProgress: @unchecked Sendable {
    private let condition = NSCondition()
    private var stored: Int64
    private var complete = false
    private var aborted = false
    private let declaredSize: Int64?

    public init(declaredSize: Int64?, stored: Int64 = 0) {
        self.declaredSize = declaredSize
        self.stored = stored
    }

    public func advance(to bytes: Int64) {
        condition.withLock {
            stored = max(stored, bytes)
            condition.broadcast()
        }
    }

    /// The upload is whole: readers see its end.
    public func finish() {
        condition.withLock {
            complete = true
            condition.broadcast()
        }
    }

    /// The upload will not continue: waiting readers give up.
    public func abort() {
        condition.withLock {
            aborted = true
            condition.broadcast()
        }
    }

    /// The file's size when known (declared, or once complete).
    var knownSize: Int64? {
        condition.withLock { complete ? stored : declaredSize }
    }

    /// Waits until there are bytes at `offset` (or the upload ends); how many there are.
    func available(at offset: Int64) -> Int64 {
        condition.withLock {
            while stored <= offset && !complete && !aborted { condition.wait() }
            return aborted ? 0 : max(0, stored - offset)
        }
    }
}

/// The files being written right now, by path.
public enum GrowingFiles {
    nonisolated(unsafe) private static var files: [String: UploadProgress] = [:]
    private static let lock = NSLock()

    public static func register(_ path: String, _ progress: UploadProgress) { lock.withLock { files[path] = progress } }
    public static func unregister(_ path: String) { lock.withLock { files[path] = nil } }
    static func progress(for path: String) -> UploadProgress? { lock.withLock { files[path] } }
}
