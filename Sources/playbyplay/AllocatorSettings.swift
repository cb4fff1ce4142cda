import CMallocShims
import Glibc

/// glibc's malloc, set for a process that decodes and encodes media for a long time
/// (docs/decisions/2026-11-26-allocator.md). By default glibc raises its mmap threshold to
/// the largest block freed so far, so after the first chunk the multi-megabyte audio
/// buffers of every later chunk come from the per-thread arenas, where freed space stays
/// resident: the server grew by ~50 MiB over a 10-minute video before levelling off. A
/// fixed 2 MiB threshold gives those buffers back to the system when they are freed, while
/// upload messages (at most 1 MiB) and codec buffers stay in the arenas, reused without
/// fresh page faults (256 KiB cost 15% more CPU).
enum AllocatorSettings {
    static let mmapThreshold: Int32 = 2 * 1024 * 1024

    /// Applies the settings unless the user set glibc's own variable.
    static func apply() {
        guard getenv("MALLOC_MMAP_THRESHOLD_") == nil else { return }
        _ = CMallocShims_setMmapThreshold(mmapThreshold)
    }
}
