import SessionModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct MP4IndexLocatorTests {
    private func box(_ type: String, size: Int, large: Bool = false) -> [UInt8] {
        let name = Array(type.utf8)
        if large {
            return [0, 0, 0, 1] + name + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(size) >> (56 - 8 * UInt64($0))) }
                + [UInt8](repeating: 0, count: max(0, size - 16))
        }
        return (0..<4).map { UInt8(truncatingIfNeeded: UInt32(size) >> (24 - 8 * UInt32($0))) } + name
            + [UInt8](repeating: 0, count: max(0, size - 8))
    }

    @Test func anIndexAfterTheMediaDataIsFoundFromTheFirstBytes() {
        let head = box("ftyp", size: 32) + box("free", size: 8) + Array(box("mdat", size: 1000).prefix(8))
        var locator = MP4IndexLocator(fileSize: 1200)
        #expect(locator.feed(head[...], at: 0) == .indexAfter(offset: 1040))
    }

    @Test func headersSplitAcrossFramesAreJoined() {
        let head = box("ftyp", size: 24) + Array(box("mdat", size: 5000, large: true).prefix(16))
        var locator = MP4IndexLocator(fileSize: 6000)
        for (i, byte) in head.enumerated() {
            let verdict = locator.feed([byte][...], at: Int64(i))
            #expect(verdict == (i == head.count - 1 ? .indexAfter(offset: 5024) : .undecided))
        }
    }

    @Test func anIndexFirstOrFragmentedFileNeedsNothing() {
        var faststart = MP4IndexLocator(fileSize: 9000)
        #expect(faststart.feed((box("ftyp", size: 24) + Array(box("moov", size: 800).prefix(8)))[...], at: 0) == .indexFirst)
        var fragments = MP4IndexLocator(fileSize: 9000)
        #expect(fragments.feed((box("ftyp", size: 24) + Array(box("moof", size: 800).prefix(8)))[...], at: 0) == .indexFirst)
    }

    @Test func otherFilesAndStrangeMP4sAreLeftAlone() {
        var matroska = MP4IndexLocator(fileSize: 9000)
        #expect(matroska.feed([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 1][...], at: 0) == .notApplicable)
        var transport = MP4IndexLocator(fileSize: 9000)
        #expect(transport.feed([UInt8](repeating: 0x47, count: 188)[...], at: 0) == .notApplicable)
        // Media data to the end of the file (size 0), or reaching the end: no index after it.
        var toEnd = MP4IndexLocator(fileSize: 9000)
        #expect(toEnd.feed((box("ftyp", size: 24) + [0, 0, 0, 0] + Array("mdat".utf8))[...], at: 0) == .notApplicable)
        var whole = MP4IndexLocator(fileSize: 1024)
        #expect(whole.feed((box("ftyp", size: 24) + Array(box("mdat", size: 1000).prefix(8)))[...], at: 0) == .notApplicable)
        // Unknown size: nothing can be asked for.
        var stream = MP4IndexLocator(fileSize: nil)
        #expect(stream.feed((box("ftyp", size: 24) + Array(box("mdat", size: 1000).prefix(8)))[...], at: 0) == .notApplicable)
    }

    @Test func bytesAfterTheHeadersDoNotMatter() {
        var locator = MP4IndexLocator(fileSize: 100_000)
        let head = box("ftyp", size: 24) + Array(box("free", size: 40_000))
        #expect(locator.feed(head[...], at: 0) == .undecided)
        #expect(locator.feed(Array(box("mdat", size: 50_000).prefix(8))[...], at: 40_024) == .indexAfter(offset: 90_024))
    }
}
