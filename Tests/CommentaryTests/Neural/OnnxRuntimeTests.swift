import Foundation
import Testing
@testable import Commentary

/// ONNX Runtime through COnnxRuntime, on the Silero voice-activity model that `scripts/setup`
/// installs: running a real model checks the shim's slots of the runtime's API table. Skipped
/// where the runtime or the model is not installed.
@Suite(.timeLimit(.minutes(10)), .enabled(if: NeuralAssets.current.runtimeLibrary != nil && NeuralAssets.current.vadModel != nil,
                "ONNX Runtime and silero_vad.onnx are not installed (./scripts/setup)"))
struct OnnxRuntimeTests {
    let assets = NeuralAssets.current

    func runtime() throws -> OnnxRuntime {
        try OnnxRuntime.load(library: #require(assets.runtimeLibrary))
    }

    func vad() throws -> OnnxModel {
        try OnnxModel(runtime: runtime(), file: #require(assets.vadModel))
    }

    @Test func loadsOneRuntimePerProcess() throws {
        let first = try runtime()
        let second = try OnnxRuntime.load(library: URL(fileURLWithPath: "/no/such/libonnxruntime.so"))
        #expect(first === second)
        #expect(first.version.hasPrefix("1."))
    }

    @Test func readsTheModelsInputsAndOutputs() throws {
        let model = try vad()
        #expect(Set(model.inputNames) == ["input", "state", "sr"])
        #expect(Set(model.outputNames) == ["output", "stateN"])
    }

    @Test func tellsSpeechFromToneNoiseAndSilence() async throws {
        let model = try vad()
        let rate = 16_000
        let tone = (0..<rate * 2).map { Float(0.3 * sin(2 * Double.pi * 440 * Double($0) / Double(rate))) }
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<rate * 2).map { _ in Float.random(in: -0.2...0.2, using: &generator) }
        let silence = [Float](repeating: 0, count: rate)
        let spoken = try await EspeakSynthesizer().speak("What a goal, the whole stadium is on its feet tonight.", voice: "en-us", maxDuration: 10)
        let voice = Self.downsampled(spoken.samples, from: 44_100, to: rate)

        let speechPeak = try Self.speechProbabilities(voice, model: model).max() ?? 0
        #expect(speechPeak > 0.7)
        for signal in [tone, noise, silence] {
            let probabilities = try Self.speechProbabilities(signal, model: model)
            #expect(probabilities.count == signal.count / 512)
            #expect(probabilities.max() ?? 1 < 0.3)
        }
    }

    @Test func returnsTheShapesTheModelGives() throws {
        let model = try vad()
        let result = try model.run(inputs: [
            "input": OnnxTensor(floats: [Float](repeating: 0, count: 576), shape: [1, 576]),
            "state": OnnxTensor(floats: [Float](repeating: 0, count: 256), shape: [2, 1, 128]),
            "sr": .scalar(16_000),
        ])
        #expect(result["output"]?.shape == [1, 1])
        #expect(result["stateN"]?.shape == [2, 1, 128])
        #expect(result["stateN"]?.floats?.count == 256)
    }

    @Test func aWrongNameOrShapeIsATypedError() throws {
        let model = try vad()
        #expect(throws: OnnxError.self) { try OnnxTensor(floats: [1, 2, 3], shape: [2, 2]) }
        let error = #expect(throws: OnnxError.self) {
            try model.run(inputs: ["samples": .scalar(1)])
        }
        #expect(error?.reason == .invalidTensor)
        let refused = #expect(throws: OnnxError.self) {
            // A state of the wrong shape: ONNX Runtime itself refuses the run.
            try model.run(inputs: [
                "input": OnnxTensor(floats: [Float](repeating: 0, count: 576), shape: [1, 576]),
                "state": OnnxTensor(floats: [Float](repeating: 0, count: 3), shape: [3]),
                "sr": .scalar(16_000),
            ])
        }
        if case .runtime = refused?.reason {} else { Issue.record("expected a runtime error, got \(String(describing: refused))") }
    }

    @Test func aMissingModelFileIsAnInvalidModel() throws {
        let error = #expect(throws: OnnxError.self) {
            try OnnxModel(runtime: runtime(), file: URL(fileURLWithPath: "/no/such/model.onnx"))
        }
        #expect(error?.reason == .invalidModel)
    }

    /// Silero's streaming use: 512-sample frames at 16 kHz, each after the 64 samples before it,
    /// with the recurrent state carried from frame to frame.
    static func speechProbabilities(_ samples: [Float], model: OnnxModel) throws -> [Float] {
        var state = [Float](repeating: 0, count: 2 * 128)
        var context = [Float](repeating: 0, count: 64)
        var probabilities: [Float] = []
        var start = 0
        while start + 512 <= samples.count {
            let frame = Array(samples[start..<start + 512])
            let result = try model.run(inputs: [
                "input": OnnxTensor(floats: context + frame, shape: [1, 576]),
                "state": OnnxTensor(floats: state, shape: [2, 1, 128]),
                "sr": .scalar(16_000),
            ], outputs: ["output", "stateN"])
            probabilities.append(try #require(result["output"]?.floats?.first))
            state = try #require(result["stateN"]?.floats)
            context = Array(frame.suffix(64))
            start += 512
        }
        return probabilities
    }

    /// Averages each output sample's span of input samples (a box filter is enough for a VAD).
    static func downsampled(_ samples: [Float], from rate: Int, to target: Int) -> [Float] {
        let ratio = Double(rate) / Double(target)
        return (0..<Int(Double(samples.count) / ratio)).map { i in
            let lower = Int(Double(i) * ratio), upper = min(samples.count, max(lower + 1, Int(Double(i + 1) * ratio)))
            return samples[lower..<upper].reduce(0, +) / Float(upper - lower)
        }
    }
}
