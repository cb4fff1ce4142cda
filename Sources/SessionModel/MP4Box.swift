/// The header of an ISO BMFF (MP4) box: its type and extent. Pure parsing of the 8 or 16
/// bytes a box starts with.
public struct MP4Box: Sendable, Equatable {
    public var type: String
    /// Where the box starts, and its size with its header (nil: it runs to the end of the file).
    public var offset: Int64
    public var size: Int64?
    public var headerSize: Int

    /// The largest header: 32-bit size, type, 64-bit size.
    public static let maxHeaderSize = 16

    public var end: Int64? { size.map { offset + $0 } }

    /// Parses the header at the start of `bytes` (which hold the box from `offset` on); nil when
    /// fewer bytes than the header needs are given, or when they are not a box header.
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes, at offset: Int64) -> Parse where Bytes.Index == Int {
        guard bytes.count >= 8 else { return .needMore }
        let start = bytes.startIndex
        let small = bytes[start..<start + 4].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        let typeBytes = bytes[start + 4..<start + 8]
        guard typeBytes.allSatisfy({ (0x20...0x7E).contains($0) }) else { return .invalid }
        let type = String(decoding: typeBytes, as: UTF8.self)
        switch small {
        case 0: return .box(MP4Box(type: type, offset: offset, size: nil, headerSize: 8))
        case 1:
            guard bytes.count >= 16 else { return .needMore }
            let large = bytes[start + 8..<start + 16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard large >= 16, large < UInt64(Int64.max) else { return .invalid }
            return .box(MP4Box(type: type, offset: offset, size: Int64(large), headerSize: 16))
        case 2..<8: return .invalid
        default: return .box(MP4Box(type: type, offset: offset, size: small, headerSize: 8))
        }
    }

    public enum Parse: Sendable, Equatable {
        case box(MP4Box)
        case needMore
        case invalid
    }
}
