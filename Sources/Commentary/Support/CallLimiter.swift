/// At most `limit` calls in flight; later callers wait in arrival order. A waiter whose task
/// is cancelled leaves the line and runs at once, outside the limit, so that it can see the
/// cancellation and end quickly instead of holding up the callers behind it.
public actor CallLimiter {
    public nonisolated let limit: Int
    private var inFlight = 0
    private var waiting: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` once a slot is free.
    public func run<T: Sendable, E: Error>(_ body: @Sendable () async throws(E) -> T) async throws(E) -> T {
        let admitted = await acquire()
        defer { if admitted { release() } }
        return try await body()
    }

    /// Calls running now (for tests and usage reports).
    public var running: Int { inFlight }

    private func acquire() async -> Bool {
        if inFlight < limit {
            inFlight += 1
            return true
        }
        let id = nextID
        nextID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiting.append((id, continuation))
            }
        } onCancel: {
            Task { await self.leave(id) }
        }
    }

    private func leave(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(returning: false)
    }

    private func release() {
        if waiting.isEmpty {
            inFlight -= 1
        } else {
            waiting.removeFirst().continuation.resume(returning: true)
        }
    }
}
