internal import COnnxRuntime
public import Foundation
import Synchronization

/// ONNX Runtime, opened once per process from a library found at run time (see
/// `NeuralAssets.runtimeLibrary`), with the one environment every `OnnxModel` shares.
///
/// `@unchecked Sendable`: `env` is set once in `init` and never changed; ONNX Runtime makes an
/// environment safe to use from any thread, and nothing here frees it (it lives as long as
/// the process, as the library does).
public final class OnnxRuntime: @unchecked Sendable {
    /// The runtime's version, "1.28.2" say.
    public let version: String
    let env: OpaquePointer

    private static let loaded = Mutex<OnnxRuntime?>(nil)

    private init(env: OpaquePointer, version: String) {
        self.env = env
        self.version = version
    }

    /// The process's runtime: opens `library` the first time, and returns that runtime on
    /// every later call, whatever library they name (a process holds one ONNX Runtime).
    /// Blocking (it loads a 27 MB library); call it off Swift's cooperative pool (`Offload`).
    public static func load(library: URL) throws(OnnxError) -> OnnxRuntime {
        let result: Result<OnnxRuntime, OnnxError> = loaded.withLock { current in
            if let current { return .success(current) }
            do throws(OnnxError) {
                try shim { message in COnnxRuntime_load(library.path, &message) }
                var env: OpaquePointer?
                try shim { message in COnnxRuntime_createEnv("playbyplay", &env, &message) }
                guard let env else { throw OnnxError(.libraryUnavailable, "ONNX Runtime gave no environment") }
                let runtime = OnnxRuntime(env: env, version: COnnxRuntime_version().map { String(cString: $0) } ?? "unknown")
                current = runtime
                return .success(runtime)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The runtime when one was loaded in this process, else nil.
    public static var current: OnnxRuntime? { loaded.withLock { $0 } }

    /// Calls a shim function that reports failure by a code and a malloc'ed message.
    static func shim(_ call: (inout UnsafeMutablePointer<CChar>?) -> Int32) throws(OnnxError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = call(&message)
        defer { COnnxRuntime_freeMessage(message) }
        guard code == 0 else {
            throw OnnxError(code: code, message: message.map { String(cString: $0) } ?? "ONNX Runtime error \(code)")
        }
    }
}
