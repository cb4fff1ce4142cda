import Foundation

/// A file read by position (a media segment: the final assembly reads its moof, then each
/// sample's data as it copies it, never the whole segment at once).
final class SegmentFile {
    let size: Int
    private let descriptor: Int32
    private let name: String

    init(_ url: URL) throws(MediaError) {
        name = url.lastPathComponent
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        var status = stat()
        guard descriptor >= 0, fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw MediaError(.io, "cannot read \(url.lastPathComponent): \(reason)")
        }
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    func read(at offset: Int, count: Int) throws(MediaError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= size else { throw MediaError(.corruptFile, "\(name): a read beyond its end") }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            while filled < count {
                let got = pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { failure = got < 0 ? errno : EIO; break }
                filled += got
            }
        }
        guard failure == 0, bytes.count == count else {
            throw MediaError(.io, "cannot read \(name): \(String(cString: strerror(failure == 0 ? EIO : failure)))")
        }
        return bytes
    }

    /// A sample's data.
    func data(of sample: FragmentSample) throws(MediaError) -> ArraySlice<UInt8> {
        try read(at: sample.offset, count: sample.size)[...]
    }
}
