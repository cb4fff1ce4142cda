import Foundation

/// Runs blocking, CPU-bound work (decoding, encoding, signal analysis, reading an upload that
/// is still arriving) on a thread of its own, so it never holds one of the few threads of
/// Swift's cooperative pool, nor one of the dispatch pool's, which other work may need to make
/// the bytes it waits for arrive.
/// Background work (see `WorkPriority`) runs at a lower priority.
public enum Offload {
    public static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let urgent = WorkPriority.isUrgent
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            let thread = Thread {
                WorkPriority.apply(urgent: urgent)
                do throws(E) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        return try result.get()
    }
}
