import Testing
@testable import SessionModel

/// What an upload's first bytes say about its container.
@Suite(.timeLimit(.minutes(10))) struct ContainerSniffTests {
    private func box(_ type: String, size: UInt32 = 24) -> [UInt8] {
        withUnsafeBytes(of: size.bigEndian) { Array($0) } + Array(type.utf8) + [UInt8](repeating: 0, count: Int(size) - 8)
    }

    @Test func theAcceptedContainersAreKnownFromTheirFirstBytes() {
        #expect(ContainerSniff.of((box("ftyp") + [UInt8](repeating: 7, count: 600))[...]) == .mp4)
        // A QuickTime file that starts with its media data or a free box.
        #expect(ContainerSniff.of((box("mdat", size: 700))[...]) == .mp4)
        #expect(ContainerSniff.of(([0x1A, 0x45, 0xDF, 0xA3] + [UInt8](repeating: 0, count: 600))[...]) == .matroska)
        var ts = [UInt8](repeating: 0xFF, count: 3 * 188)
        for packet in 0..<3 { ts[packet * 188] = 0x47 }
        #expect(ContainerSniff.of(ts[...]) == .mpegTS)
    }

    @Test func aTextFileOrAPictureIsNoVideo() {
        #expect(ContainerSniff.of(Array(String(repeating: "not a video at all\n", count: 40).utf8)[...]) == .unknown)
        #expect(ContainerSniff.of(([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 600))[...]) == .unknown)
        // A sync byte at the start only is not a transport stream.
        #expect(ContainerSniff.of(([0x47] + [UInt8](repeating: 0x20, count: 600))[...]) == .unknown)
    }

    @Test func aFileShorterThanThreePacketsIsToldFromWhatThereIs() {
        #expect(ContainerSniff.of(box("ftyp")[...]) == .mp4)
        #expect(ContainerSniff.of(Array("hello".utf8)[...]) == .unknown)
    }
}
