import Foundation

/// Whose CPU work goes first when sessions share the machine: work for a session's first
/// chunk is urgent (a viewer is waiting for the picture to start), the rest is background.
/// Set by the pipeline around its calls as a task-local value; `Offload` runs background work
/// on threads with a higher nice value (the kernel still runs it when the CPU is free), and
/// the espeak thread takes urgent lines first.
public enum WorkPriority {
    @TaskLocal public static var isUrgent = true

    /// The nice value of an offloaded thread doing background work.
    static let backgroundNice: Int32 = 10

    /// Lowers the calling thread's priority when `urgent` is false (Linux: per thread).
    static func apply(urgent: Bool) {
        guard !urgent else { return }
        #if os(Linux)
        // On Linux the nice value belongs to the thread, and `who` 0 names the calling one.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, max(currentNice(), backgroundNice))
        #endif
    }

    /// The calling thread's nice value (for tests).
    static func currentNice() -> Int32 {
        #if os(Linux)
        errno = 0
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
        return 0
        #endif
    }
}
