import Foundation
import Synchronization

/// The Piper voices this process has loaded, each once: the first caller starts the load (on a
/// thread of its own, about 2 s), later callers await the same load. A load that failed stays
/// failed (a broken model does not get better line after line).
final class PiperVoiceStore: Sendable {
    static let shared = PiperVoiceStore()

    private let loads = Mutex<[String: Task<Result<PiperVoice, OnnxError>, Never>]>([:])

    /// The loaded voice, loading it on first use.
    func voice(_ files: PiperVoiceFiles, runtime: OnnxRuntime, intraOpThreads: Int, memoryArena: Bool = false) async -> Result<PiperVoice, OnnxError> {
        await load(files, runtime: runtime, intraOpThreads: intraOpThreads, memoryArena: memoryArena).value
    }

    /// Starts loading the voice when it is not loaded yet, without waiting for it.
    func prepare(_ files: PiperVoiceFiles, runtime: OnnxRuntime, intraOpThreads: Int, memoryArena: Bool = false) {
        _ = load(files, runtime: runtime, intraOpThreads: intraOpThreads, memoryArena: memoryArena)
    }

    private func load(_ files: PiperVoiceFiles, runtime: OnnxRuntime, intraOpThreads: Int, memoryArena: Bool) -> Task<Result<PiperVoice, OnnxError>, Never> {
        let key = "\(files.model.path)|\(files.fingerprint)|\(intraOpThreads)|\(memoryArena)"
        return loads.withLock { loads in
            if let loading = loads[key] { return loading }
            // The load outlives the line that asked first: it serves every session of the process.
            let loading = Task {
                await Offload.run { () -> Result<PiperVoice, OnnxError> in
                    do throws(OnnxError) {
                        return .success(try PiperVoice(files: files, runtime: runtime, intraOpThreads: intraOpThreads, memoryArena: memoryArena))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            loads[key] = loading
            return loading
        }
    }
}
