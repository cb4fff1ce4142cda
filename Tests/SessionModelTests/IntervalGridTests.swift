import SessionModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct IntervalGridTests {
    @Test func aUniformGridIsProtocolV1() {
        let grid = IntervalGrid(interval: 30)
        #expect(grid.isUniform)
        #expect((0...3).map(grid.start(of:)) == [0, 30, 60, 90])
        #expect(grid.interval(at: 29.9) == 0 && grid.interval(at: 30) == 1 && grid.interval(at: 95) == 3)
        #expect(grid.count(duration: 60) == 2 && grid.count(duration: 60.5) == 3 && grid.count(duration: 10) == 1)
    }

    @Test func theFirstIntervalIsShortAndTheNextOnesDoubleUpToTheInterval() {
        let grid = IntervalGrid(interval: 30, first: 4)
        #expect(!grid.isUniform)
        #expect((0...5).map(grid.length(of:)) == [4, 8, 16, 30, 30, 30])
        #expect((0...5).map(grid.start(of:)) == [0, 4, 12, 28, 58, 88])
        #expect(grid.interval(at: 3.9) == 0 && grid.interval(at: 4) == 1 && grid.interval(at: 27.9) == 2)
        #expect(grid.interval(at: 28) == 3 && grid.interval(at: 60) == 4)
        #expect(grid.count(duration: 4) == 1 && grid.count(duration: 5) == 2 && grid.count(duration: 28) == 3 && grid.count(duration: 133) == 7)
        // A keyframe a hair before a boundary counts as on it.
        #expect(grid.interval(at: 4 - 1e-9) == 1)
        // A ramp that reaches the interval without doubling past it.
        #expect((0...3).map(IntervalGrid(interval: 10, first: 4).length(of:)) == [4, 8, 10, 10])
        #expect((0...2).map(IntervalGrid(interval: 5, first: 4).start(of:)) == [0, 4, 9])
    }

    @Test func everyTimeIsInTheIntervalWhoseWindowHoldsIt() {
        for grid in [IntervalGrid(interval: 30, first: 4), IntervalGrid(interval: 7, first: 1.5), IntervalGrid(interval: 10)] {
            for k in 0..<12 {
                #expect(grid.interval(at: grid.start(of: k)) == k)
                #expect(grid.interval(at: grid.start(of: k + 1) - 0.01) == k)
                #expect(abs(grid.start(of: k + 1) - grid.start(of: k) - grid.length(of: k)) < 1e-9)
            }
        }
    }

    @Test func theFirstIntervalIsNeverLongerThanTheRest() {
        #expect(IntervalGrid(interval: 10, first: 20).first == 10)
        #expect(IntervalGrid(interval: 10, first: nil).first == 10)
    }
}
