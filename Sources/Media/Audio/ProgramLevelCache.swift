import Synchronization

/// The block measures of one source, kept for all its chunks: a chunk made after its
/// neighbour finds most of the blocks around it measured and decodes only its own stretch.
///
/// The first measure stored for a block is the one every chunk uses: a block's measure is a
/// function of the source's samples, but a decoder may not give the same samples from every
/// start (AAC noise substitution draws from a random state that runs from where decoding
/// started), so two chunks that measured the same block at once could differ by a hair.
/// Reading the measures back after storing makes both sides of a boundary agree exactly.
public final class ProgramLevelCache: Sendable {
    private let blocks = Mutex<[Int: BlockMeasure]>([:])

    public init() {}

    /// Blocks wholly before the start of the timeline are silence and never stored.
    static func isBeforeTheStart(_ block: Int) -> Bool { Int64(block + 1) * ProgramLevel.blockSamples <= 0 }

    /// The smallest range holding every block of `range` not yet measured, or nil.
    func missing(in range: Range<Int>) -> Range<Int>? {
        blocks.withLock { known in
            let absent = range.filter { !Self.isBeforeTheStart($0) && known[$0] == nil }
            guard let first = absent.first, let last = absent.last else { return nil }
            return first..<(last + 1)
        }
    }

    /// Stores measures of blocks not stored yet (a block already stored keeps its measure).
    func store(_ measured: [(index: Int, measure: BlockMeasure)]) {
        blocks.withLock { known in
            for (index, measure) in measured where known[index] == nil { known[index] = measure }
        }
    }

    /// The measures of `range`, all of which must have been measured (or lie before the start).
    func measures(in range: Range<Int>) -> [Int: BlockMeasure] {
        blocks.withLock { known in
            var out: [Int: BlockMeasure] = [:]
            for j in range { out[j] = Self.isBeforeTheStart(j) ? .silent : known[j] }
            return out
        }
    }
}
