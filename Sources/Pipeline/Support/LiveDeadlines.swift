/// A live session's chunk deadlines (owned by the pipeline): one timer per planned chunk, and
/// which chunks the assembly stage or a timer took, so each chunk is made once, by whichever
/// comes first: its commentary, or its deadline (then without commentary).
struct LiveDeadlines {
    private var timers: [Int: Task<Void, Never>] = [:]
    /// Chunks whose making has begun.
    private var claimed: Set<Int> = []
    /// Chunks that went out without commentary: their stages are skipped.
    private(set) var late: Set<Int> = []
    /// Whether a chunk is being made, and who waits to make one (see `Pipeline.takeAssemblyTurn`).
    private var assembling = false
    private var waitingToAssemble: [CheckedContinuation<Void, Never>] = []

    mutating func arm(_ index: Int, _ timer: Task<Void, Never>) {
        timers[index] = timer
    }

    /// Takes the chunk for making; false when it was taken already.
    mutating func claim(_ index: Int, late isLate: Bool = false) -> Bool {
        guard claimed.insert(index).inserted else { return false }
        // A late claim comes from the chunk's own timer, which goes on to make it.
        if isLate { late.insert(index) } else { timers.removeValue(forKey: index)?.cancel() }
        return true
    }

    func isLate(_ index: Int) -> Bool { late.contains(index) }

    /// The timers not cancelled: those that fired may still be making their chunk.
    var timersLeft: [Task<Void, Never>] { Array(timers.values) }

    /// True when the turn to make a chunk was free and is now taken.
    mutating func takeTurn() -> Bool {
        guard !assembling else { return false }
        assembling = true
        return true
    }

    mutating func waitForTurn(_ waiter: CheckedContinuation<Void, Never>) { waitingToAssemble.append(waiter) }

    /// Ends a turn: the next waiter to resume (the turn is now theirs), or none.
    mutating func passTurn() -> CheckedContinuation<Void, Never>? {
        guard !waitingToAssemble.isEmpty else {
            assembling = false
            return nil
        }
        return waitingToAssemble.removeFirst()
    }

    mutating func cancelAll() {
        for timer in timers.values { timer.cancel() }
        timers = [:]
    }
}
