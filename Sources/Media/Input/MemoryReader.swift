/// Reads bytes held in memory (a reply from a cloud service) for the demuxer's custom I/O.
final class MemoryReader: InputReader {
    private var bytes: [UInt8]
    var position: Int64 = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var size: Int64? { Int64(bytes.count) }
    var isGrowing: Bool { false }
    var incomplete: UploadProgress? { nil }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        guard position >= 0, position < Int64(bytes.count), count > 0 else { return 0 }
        let start = Int(position)
        let wanted = min(count, bytes.count - start)
        bytes.withUnsafeBufferPointer { source in
            buffer.update(from: source.baseAddress!.advanced(by: start), count: wanted)
        }
        position += Int64(wanted)
        return wanted
    }

    func close() { bytes = [] }
}
