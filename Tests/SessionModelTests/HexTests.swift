import Testing
import SessionModel

@Suite(.timeLimit(.minutes(10))) struct HexTests {
    @Test func comparesInConstantTime() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([1, 2], [1, 2, 3]))
    }

    @Test func writesBytesAsLowercaseHex() {
        #expect(hexString([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
    }
}
