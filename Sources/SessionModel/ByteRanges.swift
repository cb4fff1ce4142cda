/// A set of byte offsets kept as sorted, disjoint, non-adjacent half-open ranges: the bytes of
/// an upload that are stored (PROTOCOL.md `ranges`).
public struct ByteRanges: Sendable, Equatable, Codable, CustomStringConvertible {
    public private(set) var ranges: [Range<Int64>]

    public init(_ ranges: [Range<Int64>] = []) {
        self.ranges = []
        for range in ranges { insert(range) }
    }

    /// `[[start, end], ...]` as the wire carries it; nil when a pair is not a valid range.
    public init?(pairs: [[Int64]]) {
        var ranges: [Range<Int64>] = []
        for pair in pairs {
            guard pair.count == 2, pair[0] >= 0, pair[0] <= pair[1] else { return nil }
            ranges.append(pair[0]..<pair[1])
        }
        self.init(ranges)
    }

    public var pairs: [[Int64]] { ranges.map { [$0.lowerBound, $0.upperBound] } }
    public var isEmpty: Bool { ranges.isEmpty }
    /// How many bytes the ranges hold.
    public var count: Int64 { ranges.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }
    /// The end of the contiguous run from byte 0 (0 when byte 0 is missing).
    public var prefix: Int64 { ranges.first.map { $0.lowerBound == 0 ? $0.upperBound : 0 } ?? 0 }
    public var description: String { ranges.map { "[\($0.lowerBound), \($0.upperBound))" }.joined(separator: " ") }

    /// Adds a range, merging it with those it overlaps or touches.
    public mutating func insert(_ range: Range<Int64>) {
        guard !range.isEmpty else { return }
        var merged = range
        var kept: [Range<Int64>] = []
        kept.reserveCapacity(ranges.count + 1)
        for existing in ranges {
            if existing.upperBound < merged.lowerBound || existing.lowerBound > merged.upperBound {
                kept.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)..<max(existing.upperBound, merged.upperBound)
            }
        }
        let position = kept.firstIndex { $0.lowerBound > merged.lowerBound } ?? kept.count
        kept.insert(merged, at: position)
        ranges = kept
    }

    public func contains(_ offset: Int64) -> Bool { range(containing: offset) != nil }

    /// Whether every byte of `range` is held.
    public func covers(_ range: Range<Int64>) -> Bool {
        guard !range.isEmpty else { return true }
        return self.range(containing: range.lowerBound).map { $0.upperBound >= range.upperBound } ?? false
    }

    /// The stored range that holds `offset`, if any.
    public func range(containing offset: Int64) -> Range<Int64>? {
        ranges.first { $0.contains(offset) }
    }

    /// The first missing byte at or after `offset` (before `end` when given), or nil when every
    /// byte from `offset` up to `end` is held.
    public func firstMissing(from offset: Int64 = 0, before end: Int64? = nil) -> Int64? {
        var candidate = offset
        for range in ranges where range.upperBound > candidate {
            if range.lowerBound > candidate { break }
            candidate = range.upperBound
        }
        if let end, candidate >= end { return nil }
        return candidate
    }

    /// The start of the first stored range after `offset` (where a run sent from `offset` must stop).
    public func nextStart(after offset: Int64) -> Int64? {
        ranges.first { $0.lowerBound > offset }?.lowerBound
    }

    /// The bytes of `range` that are not held.
    public func missing(in range: Range<Int64>) -> ByteRanges {
        var gaps = ByteRanges()
        var cursor = range.lowerBound
        for held in ranges where held.upperBound > cursor && held.lowerBound < range.upperBound {
            if held.lowerBound > cursor { gaps.insert(cursor..<held.lowerBound) }
            cursor = max(cursor, held.upperBound)
        }
        if cursor < range.upperBound { gaps.insert(cursor..<range.upperBound) }
        return gaps
    }

    public init(from decoder: any Decoder) throws {
        let pairs = try [[Int64]](from: decoder)
        guard let ranges = ByteRanges(pairs: pairs) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not [[start, end], ...]"))
        }
        self = ranges
    }

    public func encode(to encoder: any Encoder) throws { try pairs.encode(to: encoder) }
}
