import Testing
@testable import Commentary

@Suite(.timeLimit(.minutes(10))) struct WorkPriorityTests {
    @Test func backgroundWorkRunsOnALowerPriorityThread() async {
        let urgent = await Offload.run { WorkPriority.currentNice() }
        let background = await WorkPriority.$isUrgent.withValue(false) { await Offload.run { WorkPriority.currentNice() } }
        #expect(background >= WorkPriority.backgroundNice)
        #expect(urgent < WorkPriority.backgroundNice, "urgent work keeps the process's own priority")
    }
}
