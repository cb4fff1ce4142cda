public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Notices any open or read of one file, by any process (inotify): a canary that a hostile
/// upload names must never be touched.
public final class FileOpenWatch: @unchecked Sendable {
    private let descriptor: Int32

    public init(_ url: URL) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0, inotify_add_watch(descriptor, url.path, UInt32(IN_OPEN | IN_ACCESS)) >= 0 else {
            throw Tools.Failure(description: "cannot watch \(url.path)")
        }
    }

    deinit { close(descriptor) }

    /// Whether the file was opened or read since the last call.
    public func touched() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var any = false
        while read(descriptor, &buffer, buffer.count) > 0 { any = true }
        return any
    }
}
