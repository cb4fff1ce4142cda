public import Foundation

/// Runs blocking work (socket reads in tests) on a thread of its own, so it never holds a
/// cooperative or dispatch thread the server under test needs.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }.start()
    }
}
