import Foundation

/// How long the event-loop thread was kept from serving sockets: the longest single callback
/// into the server (wall time, and the CPU time the thread spent in it, which tells work from
/// the thread being descheduled on a busy machine), and the longest wait between asking the
/// loop to wake (a message to send) and it waking. Reported in /healthz as `loop`.
final class LoopStats: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var longestCallback: UInt64 = 0
    private var longestCallbackCPU: UInt64 = 0
    private var longestWake: UInt64 = 0
    private var wakeAsked: UInt64?

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// The calling thread's CPU time.
    static func threadCPU() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    func callback(from start: UInt64, cpuFrom cpuStart: UInt64) {
        let took = Self.now() &- start
        let cpu = Self.threadCPU() &- cpuStart
        lock.withLock {
            longestCallback = max(longestCallback, took)
            longestCallbackCPU = max(longestCallbackCPU, cpu)
        }
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

    /// The longest callback (wall and CPU time) and the longest wake, in milliseconds.
    var longest: (callbackMs: Double, callbackCPUMs: Double, wakeMs: Double) {
        lock.withLock { (Double(longestCallback) / 1e6, Double(longestCallbackCPU) / 1e6, Double(longestWake) / 1e6) }
    }
}
