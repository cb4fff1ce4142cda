/// A binary upload frame (PROTOCOL.md "Upload"): an 8-byte big-endian offset, then the
/// payload. The one place that knows the layout.
public enum UploadFrame {
    public static let headerSize = 8

    /// The largest frame a server taking payloads of up to `chunkMax` bytes must read.
    public static func maxSize(chunkMax: Int) -> Int { chunkMax + headerSize }

    /// The frame's offset and where its payload lies in it; nil when it is shorter than its header.
    public static func parse(_ frame: [UInt8]) -> (offset: UInt64, payload: Range<Int>)? {
        guard frame.count >= headerSize else { return nil }
        let offset = frame.prefix(headerSize).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (offset, headerSize..<frame.count)
    }

    /// A frame carrying `payload` at `offset` (test clients and the harness).
    public static func make(offset: UInt64, payload: some Collection<UInt8>) -> [UInt8] {
        (0..<headerSize).reversed().map { UInt8(truncatingIfNeeded: offset >> (8 * UInt64($0))) } + payload
    }
}
