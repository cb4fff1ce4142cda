/// H.264 Annex B (start codes, as MPEG-TS carries it) to the length-prefixed form of MP4.
enum AnnexB {
    /// The NAL units of an Annex B byte stream, without their start codes.
    static func nalUnits(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var units: [ArraySlice<UInt8>] = []
        var start: Int?
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == 0, bytes[i + 1] == 0, bytes[i + 2] == 1 {
                if let s = start { units.append(trimmed(bytes[s..<i])) }
                i += 3
                start = i
            } else {
                i += 1
            }
        }
        if let s = start, s < bytes.count { units.append(bytes[s..<bytes.count]) }
        return units.filter { !$0.isEmpty }
    }

    /// Drops the zero that precedes a four-byte start code.
    private static func trimmed(_ unit: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var unit = unit
        while unit.last == 0 { unit = unit.dropLast() }
        return unit
    }

    /// Each NAL unit prefixed with its 4-byte big-endian length.
    static func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for unit in nalUnits(bytes) {
            let n = UInt32(unit.count)
            out += [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
            out += unit
        }
        return out
    }

    /// An avcC record (4-byte lengths) from the SPS and PPS in Annex B bytes.
    static func avcConfiguration(fromAnnexB bytes: [UInt8]) -> [UInt8]? {
        let units = nalUnits(bytes)
        let sps = units.filter { ($0.first ?? 0) & 0x1F == 7 }
        let pps = units.filter { ($0.first ?? 0) & 0x1F == 8 }
        guard let first = sps.first, first.count >= 4, !pps.isEmpty else { return nil }
        let profile = first[first.startIndex + 1], compatibility = first[first.startIndex + 2], level = first[first.startIndex + 3]
        var out: [UInt8] = [1, profile, compatibility, level, 0xFF, 0xE0 | UInt8(sps.count)]
        for unit in sps { out += [UInt8(unit.count >> 8), UInt8(unit.count & 0xFF)] + unit }
        out.append(UInt8(pps.count))
        for unit in pps { out += [UInt8(unit.count >> 8), UInt8(unit.count & 0xFF)] + unit }
        return out
    }
}
