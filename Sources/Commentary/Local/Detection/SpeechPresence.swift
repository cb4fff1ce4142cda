import Foundation
import Synchronization

/// Whether someone is speaking: the Silero voice-activity model (MIT; `silero_vad.onnx` of the
/// PyPI package silero-vad, installed by ./scripts/setup) run in process through ONNX Runtime.
/// 16 kHz mono in 512-sample frames (32 ms), each seen with the 64 samples before it and the
/// recurrent state carried from frame to frame; one speech probability per frame.
///
/// Running is blocking CPU work: call it off the cooperative pool (the detector runs in `Offload`).
final class SpeechPresence: Sendable {
    static let sampleRate = 16_000
    static let frame = 512
    static let context = 64
    static var frameSeconds: Double { Double(frame) / Double(sampleRate) }

    private let model: OnnxModel

    init(model: OnnxModel) {
        self.model = model
    }

    /// The process's model, loaded on first use; nil where ONNX Runtime or the model is not
    /// installed (the reason is in `unavailableReason`).
    static var shared: SpeechPresence? { loaded.value }
    static var unavailableReason: String? { loaded.reason }

    private static let loaded: (value: SpeechPresence?, reason: String?) = {
        let assets = NeuralAssets.current
        guard let library = assets.runtimeLibrary, let file = assets.vadModel else {
            return (nil, "ONNX Runtime or silero_vad.onnx is not installed (\(NeuralAssets.installHint))")
        }
        do {
            let runtime = try OnnxRuntime.load(library: library)
            return (SpeechPresence(model: try OnnxModel(runtime: runtime, file: file)), nil)
        } catch {
            return (nil, "the voice-activity model did not load: \(error)")
        }
    }()

    /// One speech probability (0...1) per whole 512-sample frame of 16 kHz mono `samples`.
    func probabilities(_ samples: [Float]) throws(OnnxError) -> [Float] {
        var state = [Float](repeating: 0, count: 2 * 128)
        var input = [Float](repeating: 0, count: Self.context + Self.frame)
        var out: [Float] = []
        out.reserveCapacity(samples.count / Self.frame)
        var start = 0
        while start + Self.frame <= samples.count {
            for i in 0..<Self.frame { input[Self.context + i] = samples[start + i] }
            let result = try model.run(inputs: [
                "input": OnnxTensor(floats: input, shape: [1, Self.context + Self.frame]),
                "state": OnnxTensor(floats: state, shape: [2, 1, 128]),
                "sr": .scalar(Int64(Self.sampleRate)),
            ], outputs: ["output", "stateN"])
            guard let probability = result["output"]?.floats?.first, let next = result["stateN"]?.floats, next.count == state.count else {
                throw OnnxError(.invalidTensor, "the voice-activity model gave no probability or state")
            }
            out.append(probability)
            state = next
            for i in 0..<Self.context { input[i] = input[Self.frame + i] }
            start += Self.frame
        }
        return out
    }
}
