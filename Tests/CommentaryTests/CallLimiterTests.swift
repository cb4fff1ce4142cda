import Testing
@testable import Commentary

@Suite struct CallLimiterTests {
    /// Counts calls in flight and the most seen at once.
    actor Meter {
        private(set) var now = 0
        private(set) var most = 0
        private(set) var order: [Int] = []

        func enter(_ id: Int) {
            now += 1
            most = max(most, now)
            order.append(id)
        }

        func leave() { now -= 1 }
    }

    @Test func neverMoreThanTheLimitInFlightAndAllRun() async {
        let limiter = CallLimiter(limit: 3)
        let meter = Meter()
        await withTaskGroup(of: Void.self) { group in
            for id in 0..<12 {
                group.addTask {
                    await limiter.run {
                        await meter.enter(id)
                        try? await Task.sleep(for: .milliseconds(20))
                        await meter.leave()
                    }
                }
            }
        }
        #expect(await meter.most == 3)
        #expect(await meter.order.count == 12)
        #expect(await limiter.running == 0)
    }

    @Test func waitersAreAdmittedInArrivalOrder() async {
        let limiter = CallLimiter(limit: 1)
        let meter = Meter()
        let (holding, release) = AsyncStream<Void>.makeStream()
        let first = Task { await limiter.run { await meter.enter(0); for await _ in holding { break } } }
        while await limiter.running == 0 { await Task.yield() }
        var waiters: [Task<Void, Never>] = []
        for id in 1...4 {
            waiters.append(Task { await limiter.run { await meter.enter(id) } })
            try? await Task.sleep(for: .milliseconds(10))  // so each arrives after the one before
        }
        release.yield()
        await first.value
        for waiter in waiters { await waiter.value }
        #expect(await meter.order == [0, 1, 2, 3, 4])
    }

    @Test func aCancelledWaiterLeavesTheLineWithoutTakingASlot() async {
        let limiter = CallLimiter(limit: 1)
        let (holding, release) = AsyncStream<Void>.makeStream()
        let first = Task { await limiter.run { for await _ in holding { break } } }
        while await limiter.running == 0 { await Task.yield() }
        let waiter = Task { await limiter.run { Task.isCancelled } }
        try? await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        // It ran at once, outside the limit, and saw its cancellation; the slot is still held.
        #expect(await waiter.value == true)
        #expect(await limiter.running == 1)
        release.yield()
        await first.value
        #expect(await limiter.running == 0)
    }
}

@Suite struct WorkPriorityTests {
    @Test func backgroundWorkRunsOnALowerPriorityThread() async {
        let urgent = await Offload.run { WorkPriority.currentNice() }
        let background = await WorkPriority.$isUrgent.withValue(false) { await Offload.run { WorkPriority.currentNice() } }
        #expect(background >= WorkPriority.backgroundNice)
        #expect(urgent < WorkPriority.backgroundNice, "urgent work keeps the process's own priority")
    }
}
