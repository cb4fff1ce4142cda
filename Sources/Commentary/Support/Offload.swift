import Foundation

/// Runs blocking, CPU-bound work (decoding, encoding, signal analysis) on a global dispatch
/// queue, so it never holds one of the few threads Swift's cooperative pool has.
public enum Offload {
    public static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(E) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
