/// What a demuxer reads through our custom I/O: one file or one buffer in memory. The
/// demuxer never gets a path or a protocol of its own.
protocol InputReader: AnyObject {
    var position: Int64 { get set }
    /// The input's size, or nil while a growing file's end is unknown.
    var size: Int64? { get }
    /// The input is a file still being written (an upload in progress).
    var isGrowing: Bool { get }
    /// The growing file's progress while it is still incomplete (nil for a whole file).
    var incomplete: UploadProgress? { get }
    /// Reads up to `count` bytes at the current position; 0 at the end, -1 on error.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int
    func close()
}
