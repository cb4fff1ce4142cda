import Foundation

/// Gives a piece of stage work a deadline. A provider that never answers or a decoder stuck on
/// a hostile file then fails that piece of work (a warning, or `chunk_failed`) instead of
/// stalling the session forever: the work is cancelled and abandoned, and its result dropped
/// if it ever ends. Cancelling the caller ends the wait at once too.
enum Watchdog {
    /// `work`'s result, or nil when it took longer than `limit` (or the caller was cancelled).
    static func run<T: Sendable>(within limit: Duration, _ work: @escaping @Sendable () async -> T) async -> T? {
        let race = Race<T>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
                race.begin(continuation,
                           worker: Task { race.finish(await work()) },
                           timer: Task {
                               try? await Task.sleep(for: limit)
                               race.finish(nil)
                           })
            }
        } onCancel: {
            race.finish(nil)
        }
    }

    /// The first of the work, the timer and a cancel to finish resumes the caller; the others
    /// are cancelled.
    private final class Race<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        // Guarded by `lock`.
        private var continuation: CheckedContinuation<T?, Never>?
        private var tasks: [Task<Void, Never>] = []
        private var done = false
        /// What finished before `begin` (the work may end before it is registered).
        private var early: T?

        func begin(_ continuation: CheckedContinuation<T?, Never>, worker: Task<Void, Never>, timer: Task<Void, Never>) {
            let finishedAlready = lock.withLock { () -> Bool in
                if done { return true }
                self.continuation = continuation
                tasks = [worker, timer]
                return false
            }
            if finishedAlready {
                worker.cancel()
                timer.cancel()
                continuation.resume(returning: lock.withLock { early })
            }
        }

        func finish(_ value: T?) {
            let (waiting, running) = lock.withLock { () -> (CheckedContinuation<T?, Never>?, [Task<Void, Never>]) in
                guard !done else { return (nil, []) }
                done = true
                if continuation == nil { early = value }
                defer { continuation = nil; tasks = [] }
                return (continuation, tasks)
            }
            for task in running { task.cancel() }
            waiting?.resume(returning: value)
        }
    }
}

extension Pipeline {
    /// One call of a stage under the watchdog: a call that outlives `stageTimeout` fails with
    /// `timeout`'s error (named by `what`).
    func guarded<T: Sendable, E: Error>(_ what: String, timeout: (String) -> E,
                                        _ call: @escaping @Sendable () async throws(E) -> T) async throws(E) -> T {
        let limit = configuration.stageTimeout
        let outcome = await Watchdog.run(within: limit) { () async -> Result<T, E> in
            do throws(E) { return .success(try await call()) } catch { return .failure(error) }
        }
        guard let outcome else { throw timeout("\(what) gave no result within \(limit)") }
        return try outcome.get()
    }
}
