import Foundation

/// One client address's upload rate cap (`ServerConfiguration.maxUploadBytesPerSecond`): a
/// token bucket holding at most one second of bytes. A frame over budget is not refused: its
/// connection waits until the budget has refilled, and the socket stops being read meanwhile
/// (the connection's window fills), so the client is slowed down as for the upload window.
/// In a cluster the client's sockets may be spread over servers: each server spends only its
/// share of the rate (`share`), so the cap holds over all of them.
final class UploadBudget: @unchecked Sendable {
    private let fullRate: Double
    private let lock = NSLock()
    // Guarded by `lock`.
    private var rate: Double
    private var tokens: Double
    private var updated: ContinuousClock.Instant

    init(bytesPerSecond: Int, now: ContinuousClock.Instant = .now) {
        fullRate = Double(max(1, bytesPerSecond))
        rate = fullRate
        tokens = rate
        updated = now
    }

    /// This server holds `local` of the client's `total` sockets (over every server): it spends
    /// that share of the rate.
    func share(local: Int, of total: Int) {
        lock.withLock {
            rate = fullRate * Double(max(1, local)) / Double(max(1, local, total))
            tokens = min(tokens, rate)
        }
    }

    /// Spends `bytes`; how long their connection must wait before it goes on.
    func spend(_ bytes: Int, now: ContinuousClock.Instant = .now) -> Duration {
        lock.withLock {
            let elapsed = now - updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            tokens = min(rate, tokens + max(0, seconds) * rate) - Double(bytes)
            updated = now
            return tokens >= 0 ? .zero : .milliseconds(Int((-tokens / rate * 1000).rounded(.up)))
        }
    }
}
