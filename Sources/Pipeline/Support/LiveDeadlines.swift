/// A live session's chunk deadlines (owned by the pipeline): one timer per planned chunk, and
/// which chunks the assembly stage or a timer took, so each chunk is made once, by whichever
/// comes first: its commentary, or its deadline (then without commentary).
struct LiveDeadlines {
    private var timers: [Int: Task<Void, Never>] = [:]
    /// Chunks whose making has begun.
    private var claimed: Set<Int> = []
    /// Chunks that went out without commentary: their stages are skipped.
    private(set) var late: Set<Int> = []

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

    mutating func cancelAll() {
        for timer in timers.values { timer.cancel() }
        timers = [:]
    }
}
