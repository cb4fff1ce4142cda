/// The order chunks are worked on: in timeline order, except that a reprioritised chunk
/// moves to the front of what is still queued. Work already started is never interrupted.
/// Chunks may be added as they are planned (a video read as it arrives); the schedule is
/// finished once the plan is complete and every chunk is done.
public struct IntervalSchedule: Sendable, Equatable {
    public enum State: String, Sendable, Codable {
        case queued
        case inProgress = "in_progress"
        case done
    }

    public private(set) var queue: [Int]
    public private(set) var states: [Int: State]
    /// No chunk will be added.
    public private(set) var isPlanComplete: Bool

    /// `chunks`: the chunk indices in timeline order; `complete`: no more will be added.
    public init(chunks: [Int], complete: Bool = true) {
        queue = chunks
        states = Dictionary(uniqueKeysWithValues: chunks.map { ($0, .queued) })
        isPlanComplete = complete
    }

    /// A chunk just planned, queued after every chunk already there.
    public mutating func append(_ chunk: Int) {
        guard !isPlanComplete, states[chunk] == nil else { return }
        states[chunk] = .queued
        queue.append(chunk)
    }

    /// The plan is complete: no chunk will be added.
    public mutating func completePlan() { isPlanComplete = true }

    /// The next chunk to start, now in progress; nil when none is queued.
    public mutating func next() -> Int? {
        guard !queue.isEmpty else { return nil }
        let chunk = queue.removeFirst()
        states[chunk] = .inProgress
        return chunk
    }

    /// Moves a queued chunk to the front. Returns its state, or nil for an unknown chunk.
    @discardableResult
    public mutating func prioritise(_ chunk: Int) -> State? {
        guard let state = states[chunk] else { return nil }
        if state == .queued, let position = queue.firstIndex(of: chunk) {
            queue.remove(at: position)
            queue.insert(chunk, at: 0)
        }
        return state
    }

    /// The chunk's work has ended (delivered, or failed for good).
    public mutating func finish(_ chunk: Int) {
        guard states[chunk] != nil else { return }
        queue.removeAll { $0 == chunk }
        states[chunk] = .done
    }

    public var isFinished: Bool { isPlanComplete && states.values.allSatisfy { $0 == .done } }
}
