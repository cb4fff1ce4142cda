import Foundation
import TestSupport
import Testing
@testable import Media

/// The source's sound on the 44.1 kHz output grid: the same samples for the same times,
/// whether decoded at once, in blocks, or as a part of a longer stretch.
@Suite(.timeLimit(.minutes(10))) struct AudioDecoderTests {
    private static func decoder(_ clip: Result<URL, any Error>) throws -> AudioDecoder {
        let url = try clip.get()
        return AudioDecoder(source: MediaSource(url), info: try MediaProbe.probe(url))
    }

    private static func blocks(_ decoder: AudioDecoder, from first: Int64, count: Int, block: Int) throws -> [[Float]] {
        var blocks: [[Float]] = []
        try decoder.decode(from: first, count: count, inBlocksOf: block) { blocks.append($0) }
        return blocks
    }

    @Test(arguments: [1_000, 5 * 44_100, 44_100 * 12 + 7])
    func blocksJoinToTheWholeDecode(block: Int) throws {
        let decoder = try Self.decoder(GeneratedClips.sine95)
        let first: Int64 = 44_100 * 31 + 123, count = 44_100 * 12
        let whole = try decoder.decode(from: first, count: count)
        let blocks = try Self.blocks(decoder, from: first, count: count, block: block)
        #expect(blocks.dropLast().allSatisfy { $0.count == block * 2 })
        #expect(blocks.map(\.count).reduce(0, +) == count * 2)
        #expect(blocks.flatMap { $0 } == whole)
        // A steady sine: sound throughout, no silent holes at the block joins.
        let quiet = stride(from: 0, to: whole.count - 2 * 441, by: 2 * 441).filter { start in
            whole[start..<(start + 2 * 441)].map(abs).max() ?? 0 < 0.05
        }
        #expect(quiet.isEmpty, "silent 10 ms windows at samples \(quiet.prefix(5))")
    }

    @Test func aStretchDecodedAloneMatchesThatPartOfALongerOne() throws {
        let decoder = try Self.decoder(GeneratedClips.sine95)
        let long = try decoder.decode(from: 44_100 * 20, count: 44_100 * 20)
        let part = try decoder.decode(from: 44_100 * 30, count: 44_100 * 5)
        let same = Array(long[(2 * 44_100 * 10)..<(2 * 44_100 * 15)])
        let worst = zip(part, same).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-3, "largest difference \(worst)")
    }

    @Test func theLastBlockStopsAtTheEndAndBeyondTheSoundIsSilence() throws {
        let decoder = try Self.decoder(GeneratedClips.sine95)
        let count = 44_100 * 4
        let blocks = try Self.blocks(decoder, from: 44_100 * 93, count: count, block: 44_100 * 3)
        #expect(blocks.map(\.count) == [2 * 44_100 * 3, 2 * 44_100])
        let tail = blocks[1].suffix(2 * 44_100 / 2)
        #expect(tail.allSatisfy { $0 == 0 }, "past 95 s there is no sound")
    }

    @Test func aVideoWithoutSoundGivesSilentBlocks() throws {
        let decoder = try Self.decoder(GeneratedClips.silentVideo)
        let blocks = try Self.blocks(decoder, from: 0, count: 44_100 * 2, block: 44_100)
        #expect(blocks.count == 2 && blocks.allSatisfy { $0.count == 2 * 44_100 && $0.allSatisfy { $0 == 0 } })
    }

    @Test func aTransportStreamDecodesInBlocksToo() throws {
        let decoder = try Self.decoder(GeneratedClips.transportStream)
        let whole = try decoder.decode(from: 44_100 * 2, count: 44_100 * 6)
        let blocks = try Self.blocks(decoder, from: 44_100 * 2, count: 44_100 * 6, block: 44_100)
        #expect(blocks.flatMap { $0 } == whole)
        #expect(whole.map(abs).max() ?? 0 > 0.05)
    }
}
