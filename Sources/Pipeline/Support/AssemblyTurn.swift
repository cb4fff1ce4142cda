/// One chunk made at a time per session (owned by the pipeline): the assembly stage and a live
/// session's deadlines both make chunks, each assembly already uses every core for its encoders,
/// and after an ingest gap a whole backlog's deadlines pass at once. Waiters go in arrival order.
struct AssemblyTurn {
    private var taken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// True when the turn was free and is now taken.
    mutating func take() -> Bool {
        guard !taken else { return false }
        taken = true
        return true
    }

    mutating func wait(_ waiter: CheckedContinuation<Void, Never>) { waiting.append(waiter) }

    /// Ends a turn: the next waiter to resume (the turn is now theirs), or none.
    mutating func pass() -> CheckedContinuation<Void, Never>? {
        guard !waiting.isEmpty else {
            taken = false
            return nil
        }
        return waiting.removeFirst()
    }
}
