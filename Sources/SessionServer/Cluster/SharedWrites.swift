import Cluster
import Dispatch
import Foundation

/// A cluster session's writes to Redis and its sends, in the order its machine made them, on
/// one serial queue off Swift's pool: an event leaves after it is journaled, never before, and
/// once a write fails (fenced: the lease is lost; or the service did not answer) nothing more
/// is written or sent. The supervisor learns of it through `lost` or `failed`.
final class SharedWrites: @unchecked Sendable {
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var stopped = false
    private let lost: @Sendable (ClusterError) -> Void
    private let failed: @Sendable (String, ClusterError) -> Void

    /// `lost`: a write was fenced. `failed`: a write failed otherwise (`what`, why).
    init(session: String, lost: @escaping @Sendable (ClusterError) -> Void, failed: @escaping @Sendable (String, ClusterError) -> Void) {
        queue = DispatchQueue(label: "playbyplay.shared.\(session)")
        self.lost = lost
        self.failed = failed
    }

    /// Queues a write to the cluster.
    func write(_ what: String, _ work: @escaping @Sendable () throws(ClusterError) -> Void) {
        queue.async { [self] in
            guard !isStopped else { return }
            do throws(ClusterError) {
                try work()
            } catch where error.reason == .fenced {
                stop()
                lost(error)
            } catch {
                stop()
                failed(what, error)
            }
        }
    }

    /// Queues work that must follow the writes queued before it (a send).
    func then(_ work: @escaping @Sendable () -> Void) {
        queue.async { [self] in
            if !isStopped { work() }
        }
    }

    /// Nothing queued from now on runs.
    func stop() { lock.withLock { stopped = true } }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Returns once everything queued so far ran.
    func drain() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in queue.async { done.resume() } }
    }
}
