import Synchronization

/// At most `limit` holders at once; the others wait in line, first come first served, except
/// that urgent work (`WorkPriority.isUrgent`: a session's first chunk) goes before the rest:
/// with many sessions sharing one service, a new viewer's first chunk does not queue behind
/// the later chunks of everyone else. A waiter whose task is cancelled leaves the line at
/// once, without a place.
final class ConcurrencyLimiter: Sendable {
    private struct State {
        var holders = 0
        var waiting: [(id: Int, urgent: Bool, continuation: CheckedContinuation<Bool, Never>)] = []
        var nextID = 0
        var peak = 0
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = max(1, limit) }

    /// The most holders there ever were at once (tests read it).
    var peak: Int { state.withLock { $0.peak } }

    /// How many wait for a place (tests read it).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Waits for a place; false when the task was cancelled first (then it holds none).
    func acquire() async -> Bool {
        let urgent = WorkPriority.isUrgent
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let granted: Bool? = state.withLock { state in
                    if state.holders < limit {
                        state.holders += 1
                        state.peak = max(state.peak, state.holders)
                        return true
                    }
                    if Task.isCancelled { return false }
                    state.waiting.append((id, urgent, continuation))
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let leaving = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiting.remove(at: index).continuation
            }
            leaving?.resume(returning: false)
        }
    }

    /// Gives the place up, to the first urgent waiter, else the first in line, if there is one.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard !state.waiting.isEmpty else {
                state.holders -= 1
                return nil
            }
            let next = state.waiting.firstIndex(where: \.urgent) ?? 0
            return state.waiting.remove(at: next).continuation
        }
        next?.resume(returning: true)
    }
}
