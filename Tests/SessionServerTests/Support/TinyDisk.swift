import Foundation
import TestSupport

/// A tmpfs of a few hundred KiB mounted on a scratch folder: a disk that fills up. Needs root
/// (the test machines run as root); nil where mounting is not allowed.
final class TinyDisk: @unchecked Sendable {
    let folder: URL

    init?(kilobytes: Int) {
        folder = TestFiles.scratch("tiny-disk")
        guard (try? Tools.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])) != nil else { return nil }
    }

    func unmount() {
        _ = try? Tools.run("/bin/umount", ["-l", folder.path])
    }
}
