/// At most `limit` holders at once; the others wait in line, first come first served.
actor ConcurrencyLimiter {
    private let limit: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// The most holders there ever were at once (tests read it).
    private(set) var peak = 0

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire() async {
        if holders < limit {
            holders += 1
        } else {
            await withCheckedContinuation { waiting.append($0) }  // the releaser hands its place over
        }
        peak = max(peak, holders)
    }

    func release() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
