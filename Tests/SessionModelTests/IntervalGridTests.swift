import SessionModel
import Testing

@Suite struct IntervalGridTests {
    @Test func aUniformGridIsProtocolV1() {
        let grid = IntervalGrid(interval: 30)
        #expect(grid.isUniform)
        #expect((0...3).map(grid.start(of:)) == [0, 30, 60, 90])
        #expect(grid.interval(at: 29.9) == 0 && grid.interval(at: 30) == 1 && grid.interval(at: 95) == 3)
        #expect(grid.count(duration: 60) == 2 && grid.count(duration: 60.5) == 3 && grid.count(duration: 10) == 1)
    }

    @Test func theFirstIntervalIsShortAndTheRestKeepTheirLength() {
        let grid = IntervalGrid(interval: 30, first: 5)
        #expect(!grid.isUniform)
        #expect((0...3).map(grid.start(of:)) == [0, 5, 35, 65])
        #expect(grid.interval(at: 4.9) == 0 && grid.interval(at: 5) == 1 && grid.interval(at: 34.9) == 1 && grid.interval(at: 35) == 2)
        #expect(grid.count(duration: 5) == 1 && grid.count(duration: 6) == 2 && grid.count(duration: 35) == 2 && grid.count(duration: 36) == 3)
        // A keyframe a hair before a boundary counts as on it.
        #expect(grid.interval(at: 5 - 1e-9) == 1)
    }

    @Test func theFirstIntervalIsNeverLongerThanTheRest() {
        #expect(IntervalGrid(interval: 10, first: 20).first == 10)
        #expect(IntervalGrid(interval: 10, first: nil).first == 10)
    }
}
