import Foundation

/// Reads back the media segments `FragmentedMP4` writes (moof with traf/tfhd/tfdt/trun using
/// default-base-is-moof, then mdat). Anything else is refused.
enum FragmentReader {
    /// The tracks of a whole segment in memory, each sample with its data.
    static func tracks(in bytes: [UInt8]) throws(MediaError) -> [TrackFragment] {
        try tracks(in: bytes, limit: bytes.count, withData: true)
    }

    /// The tracks of a segment file, read from its moof alone: each sample with its offset in
    /// the file, not its data (read it with `SegmentFile.read`).
    static func tracks(inSegmentAt url: URL) throws(MediaError) -> (tracks: [TrackFragment], file: SegmentFile) {
        let file = try SegmentFile(url)
        let size = try file.read(at: 0, count: 8)
        var field = FieldReader(size, at: 0, end: 4)
        let moofSize = Int(try field.u32())
        guard String(decoding: size[4..<8], as: UTF8.self) == "moof", moofSize >= 8, moofSize <= file.size else {
            throw MediaError(.corruptFile, "\(url.lastPathComponent) does not start with a moof")
        }
        return (try tracks(in: try file.read(at: 0, count: moofSize), limit: file.size, withData: false), file)
    }

    private static func tracks(in bytes: [UInt8], limit: Int, withData: Bool) throws(MediaError) -> [TrackFragment] {
        var reader = BoxReader(bytes)
        var fragments: [TrackFragment] = []
        while let box = try reader.next() {
            guard box.type == "moof" else { continue }
            var inner = BoxReader(bytes, range: box.body)
            while let child = try inner.next() {
                if child.type == "traf" {
                    fragments.append(try trackFragment(bytes, traf: child, moofStart: box.start, limit: limit, withData: withData))
                }
            }
        }
        guard !fragments.isEmpty else { throw MediaError(.corruptFile, "not a playbyplay media segment") }
        return fragments
    }

    private static func trackFragment(_ bytes: [UInt8], traf: BoxReader.Box, moofStart: Int, limit: Int,
                                      withData: Bool) throws(MediaError) -> TrackFragment {
        var fragment = TrackFragment(trackID: 0, baseDecodeTime: 0, samples: [])
        var children = BoxReader(bytes, range: traf.body)
        while let box = try children.next() {
            var field = FieldReader(bytes, at: box.body.lowerBound, end: box.body.upperBound)
            switch box.type {
            case "tfhd":
                _ = try field.u32()
                fragment.trackID = try field.u32()
            case "tfdt":
                let version = try field.u32() >> 24
                fragment.baseDecodeTime = version == 1 ? Int64(bitPattern: try field.u64()) : Int64(try field.u32())
            case "trun":
                let flags = try field.u32() & 0xFF_FFFF
                guard flags == 0x0F01 else { throw MediaError(.corruptFile, "unexpected trun layout") }
                let count = Int(try field.u32())
                var offset = moofStart + Int(Int32(bitPattern: try field.u32()))
                for _ in 0..<count {
                    let duration = try field.u32()
                    let size = Int(try field.u32())
                    let sampleFlags = try field.u32()
                    let composition = Int32(bitPattern: try field.u32())
                    guard offset >= 0, offset + size <= limit else { throw MediaError(.corruptFile, "sample beyond the segment") }
                    fragment.samples.append(FragmentSample(size: size, offset: offset, data: withData ? bytes[offset..<offset + size] : [],
                                                           duration: duration,
                                                           compositionOffset: composition, isSync: sampleFlags & 0x0001_0000 == 0))
                    offset += size
                }
            default:
                break
            }
        }
        return fragment
    }
}

/// Iterates the boxes of a byte range.
struct BoxReader {
    struct Box {
        var type: String
        var start: Int
        var body: Range<Int>
    }

    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    mutating func next() throws(MediaError) -> Box? {
        guard position + 8 <= end else { return nil }
        var field = FieldReader(bytes, at: position, end: end)
        var size = Int(try field.u32())
        let type = String(decoding: bytes[position + 4..<position + 8], as: UTF8.self)
        var header = 8
        if size == 1 {
            _ = try field.u32()
            size = Int(try field.u64())
            header = 16
        } else if size == 0 {
            size = end - position
        }
        guard size >= header, position + size <= end else { throw MediaError(.corruptFile, "box '\(type)' overruns its parent") }
        let box = Box(type: type, start: position, body: position + header..<position + size)
        position += size
        return box
    }
}

struct FieldReader {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    init(_ bytes: [UInt8], at position: Int, end: Int) {
        self.bytes = bytes
        self.position = position
        self.end = end
    }

    mutating func u32() throws(MediaError) -> UInt32 {
        guard position + 4 <= end else { throw MediaError(.corruptFile, "field beyond its box") }
        defer { position += 4 }
        return UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16 | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }

    mutating func u64() throws(MediaError) -> UInt64 {
        let high = try u32()
        return UInt64(high) << 32 | UInt64(try u32())
    }
}
