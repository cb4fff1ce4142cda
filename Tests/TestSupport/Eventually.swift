/// Waits until `condition` holds, checking every few milliseconds, for at most `limit`; throws
/// (naming `what`) when it never does. For state another task changes without a signal to await.
public func eventually(_ what: String, within limit: Duration = .seconds(10),
                       _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + limit
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw EventuallyTimeout(what: what, limit: limit) }
        try await Task.sleep(for: .milliseconds(5))
    }
}

public struct EventuallyTimeout: Error, CustomStringConvertible {
    public var what: String
    public var limit: Duration
    public var description: String { "\(what) did not happen within \(limit)" }
}
