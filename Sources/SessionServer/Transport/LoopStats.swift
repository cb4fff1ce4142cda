import Foundation

/// How long the event-loop thread was kept from serving sockets: the longest single callback
/// into the server, and the longest wait between asking the loop to wake (a message to send)
/// and it waking. Reported in /healthz as `loop`.
final class LoopStats: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var longestCallback: UInt64 = 0
    private var longestWake: UInt64 = 0
    private var wakeAsked: UInt64?

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func callback(from start: UInt64) {
        let took = Self.now() &- start
        lock.withLock { longestCallback = max(longestCallback, took) }
    }

    /// A thread asked the loop to wake; the first ask since the last wake is the one timed.
    func askedToWake() {
        let now = Self.now()
        lock.withLock { if wakeAsked == nil { wakeAsked = now } }
    }

    func woke() {
        let now = Self.now()
        lock.withLock {
            if let asked = wakeAsked { longestWake = max(longestWake, now &- asked) }
            wakeAsked = nil
        }
    }

    /// The longest callback and the longest wake, in milliseconds.
    var longest: (callbackMs: Double, wakeMs: Double) {
        lock.withLock { (Double(longestCallback) / 1e6, Double(longestWake) / 1e6) }
    }
}
