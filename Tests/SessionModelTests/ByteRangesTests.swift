import Foundation
import SessionModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct ByteRangesTests {
    @Test func rangesMergeWhenTheyTouchOrOverlap() {
        var ranges = ByteRanges()
        ranges.insert(10..<20)
        ranges.insert(30..<40)
        #expect(ranges.pairs == [[10, 20], [30, 40]])
        ranges.insert(20..<30)
        #expect(ranges.pairs == [[10, 40]])
        ranges.insert(0..<5)
        ranges.insert(35..<50)
        #expect(ranges.pairs == [[0, 5], [10, 50]])
        ranges.insert(7..<7)
        #expect(ranges.count == 45 && ranges.prefix == 5)
    }

    @Test func questionsAboutMissingBytes() {
        let ranges = ByteRanges([0..<10, 20..<30])
        #expect(ranges.firstMissing() == 10)
        #expect(ranges.firstMissing(from: 20) == 30)
        #expect(ranges.firstMissing(from: 20, before: 30) == nil)
        #expect(ranges.nextStart(after: 10) == 20 && ranges.nextStart(after: 20) == nil)
        #expect(ranges.covers(20..<30) && !ranges.covers(5..<15) && ranges.contains(9) && !ranges.contains(10))
        #expect(ranges.missing(in: 0..<40).pairs == [[10, 20], [30, 40]])
        #expect(ByteRanges([5..<9]).prefix == 0)
    }

    @Test func theWireFormIsPairs() throws {
        let ranges = ByteRanges([0..<10, 20..<30])
        let json = String(decoding: try JSONEncoder().encode(ranges), as: UTF8.self)
        #expect(json == "[[0,10],[20,30]]")
        #expect(try JSONDecoder().decode(ByteRanges.self, from: Data(json.utf8)) == ranges)
        #expect(ByteRanges(pairs: [[3, 1]]) == nil)
    }
}
