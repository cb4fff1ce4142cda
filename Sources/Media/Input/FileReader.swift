import Foundation

/// Reads a file by offset for the demuxer's custom I/O. Only the file it was opened on can be
/// read through it: the demuxer never gets a path or a protocol of its own.
final class FileReader: InputReader {
    private var descriptor: Int32
    private let storedSize: Int64
    /// Set while the file is still being written (the source's `growing`).
    let growing: UploadProgress?
    var position: Int64 = 0

    /// The file's size, or nil while a growing file's end is unknown.
    var size: Int64? { growing == nil ? storedSize : growing!.knownSize }

    var isGrowing: Bool { growing != nil }

    var incomplete: UploadProgress? { growing.flatMap { $0.isComplete ? nil : $0 } }

    init(source: MediaSource) throws(MediaError) {
        let path = source.path
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw MediaError(.fileNotFound, "no such file: \(path)")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw MediaError(.unsupportedFormat, "not a regular file: \(path)")
        }
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw MediaError(.fileNotFound, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        storedSize = Int64(status.st_size)
        growing = source.growing
    }

    /// Reads up to `count` bytes at the current position; 0 at the end of the file, -1 on error.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        let remaining = growing.map { Int($0.available(at: position)) } ?? Int(max(0, storedSize - position))
        let wanted = min(count, remaining)
        if wanted == 0 { return 0 }
        let got = pread(descriptor, buffer, wanted, off_t(position))
        if got > 0 { position += Int64(got) }
        return got
    }

    func close() {
        if descriptor >= 0 {
            Foundation.close(descriptor)
            descriptor = -1
        }
    }

    deinit { close() }
}
