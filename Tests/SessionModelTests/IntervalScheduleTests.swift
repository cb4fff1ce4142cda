import Testing
import SessionModel

@Suite(.timeLimit(.minutes(10))) struct IntervalScheduleTests {
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

    @Test func chunksPlannedLaterJoinTheQueueAndTheScheduleEndsWithThePlan() {
        var schedule = IntervalSchedule(chunks: [], complete: false)
        #expect(schedule.next() == nil)
        schedule.append(0)
        schedule.append(1)
        #expect(schedule.next() == 0)
        schedule.finish(0)
        #expect(!schedule.isFinished)
        schedule.append(1)
        #expect(schedule.queue == [1])
        #expect(schedule.next() == 1)
        schedule.finish(1)
        #expect(!schedule.isFinished)
        schedule.completePlan()
        #expect(schedule.isFinished)
        schedule.append(2)
        #expect(schedule.queue.isEmpty)
    }
}
