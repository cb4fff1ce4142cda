import Testing
import SessionModel

@Suite struct IntervalScheduleTests {
    @Test func runsChunksInTimelineOrder() {
        var schedule = IntervalSchedule(chunks: [0, 1, 3, 4])
        #expect(schedule.next() == 0)
        #expect(schedule.next() == 1)
        #expect(schedule.states[1] == .inProgress)
        #expect(schedule.next() == 3)
        #expect(schedule.next() == 4)
        #expect(schedule.next() == nil)
    }

    @Test func prioritisingMovesAQueuedChunkToTheFrontOnly() {
        var schedule = IntervalSchedule(chunks: [0, 1, 2, 3])
        #expect(schedule.next() == 0)
        #expect(schedule.prioritise(3) == .queued)
        #expect(schedule.prioritise(0) == .inProgress)
        #expect(schedule.next() == 3)
        #expect(schedule.next() == 1)
        schedule.finish(0)
        #expect(schedule.prioritise(0) == .done)
        #expect(schedule.prioritise(9) == nil)
        #expect(!schedule.isFinished)
        for chunk in [1, 2, 3] { schedule.finish(chunk) }
        #expect(schedule.isFinished)
        #expect(schedule.next() == nil)
    }
}
