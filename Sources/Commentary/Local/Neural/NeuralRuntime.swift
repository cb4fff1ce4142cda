import Foundation
import Synchronization

/// ONNX Runtime for the neural voices, opened once per process on first need (off the pool).
enum NeuralRuntime {
    private static let opened = Mutex<Task<Result<OnnxRuntime, OnnxError>, Never>?>(nil)

    static func runtime(library: URL) async -> Result<OnnxRuntime, OnnxError> {
        let task = opened.withLock { opened in
            if let opened { return opened }
            let opening = Task {
                await Offload.run { () -> Result<OnnxRuntime, OnnxError> in
                    do throws(OnnxError) { return .success(try OnnxRuntime.load(library: library)) } catch { return .failure(error) }
                }
            }
            opened = opening
            return opening
        }
        return await task.value
    }
}
