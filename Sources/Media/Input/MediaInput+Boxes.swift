import SessionModel

extension MediaInput {
    /// An MP4 whose `moov` announces fragments (`mvex`): its media follows as `moof` + `mdat`
    /// pairs, read in order like a stream. Read through `reader` directly (its position is put
    /// back, so the demuxer's I/O continues where it was).
    static func isFragmentedMP4(_ reader: any InputReader) -> Bool {
        let saved = reader.position
        defer { reader.position = saved }
        var offset: Int64 = 0
        for _ in 0..<32 {
            guard let box = box(reader, at: offset) else { return false }
            switch box.type {
            case "moov":
                guard let end = box.end else { return false }
                var child = offset + Int64(box.headerSize)
                while child < end, let inner = Self.box(reader, at: child) {
                    if inner.type == "mvex" { return true }
                    guard let next = inner.end, next > child else { return false }
                    child = next
                }
                return false
            case "moof": return true
            case "mdat": return false
            default:
                guard let end = box.end else { return false }
                offset = end
            }
        }
        return false
    }

    private static func box(_ reader: any InputReader, at offset: Int64) -> MP4Box? {
        var header = [UInt8](repeating: 0, count: MP4Box.maxHeaderSize)
        reader.position = offset
        var got = 0
        while got < header.count {
            let read = header.withUnsafeMutableBufferPointer { reader.read(into: $0.baseAddress! + got, count: $0.count - got) }
            if read <= 0 { break }
            got += read
        }
        guard case .box(let box) = MP4Box.parse(header.prefix(got), at: offset) else { return nil }
        return box
    }
}
