import Foundation
import Synchronization

/// A Piper voice loaded into ONNX Runtime. Loading takes about 2 s and ~80 MB, so a process
/// loads each voice once and shares it (`PiperVoiceStore`); its model takes concurrent runs.
final class PiperVoice: Sendable {
    let files: PiperVoiceFiles
    let phonemizer: PiperPhonemizer
    let model: OnnxModel
    private let takesSpeaker: Bool
    /// Seconds of speech per phoneme id at `length_scale` 1, learned from every line spoken
    /// (starting from the joe voice's), to size a line before it is synthesised.
    private let pace = Mutex(0.030)
    /// How much a line's duration follows `length_scale`: about half (`fasterPace`).
    static let elasticity = 0.6

    /// Blocking: call it through `Offload`.
    init(files: PiperVoiceFiles, runtime: OnnxRuntime, intraOpThreads: Int, memoryArena: Bool = false) throws(OnnxError) {
        self.files = files
        phonemizer = PiperPhonemizer(config: files.config)
        model = try OnnxModel(runtime: runtime, file: files.model, intraOpThreads: intraOpThreads, memoryArena: memoryArena)
        guard ["input", "input_lengths", "scales"].allSatisfy(model.inputNames.contains), model.outputNames.contains("output") else {
            throw OnnxError(.invalidModel, "\(files.model.lastPathComponent) is not a Piper voice (inputs: \(model.inputNames.joined(separator: ", ")))")
        }
        takesSpeaker = model.inputNames.contains("sid")
    }

    var sampleRate: Int { files.config.audio.sampleRate }

    /// About how long `sentences` last at `lengthScale` (the voice's own scale being 1).
    func estimatedDuration(_ sentences: [[Int64]], lengthScale: Float) -> Double {
        let ids = sentences.reduce(0) { $0 + $1.count }
        return pace.withLock { $0 } * Double(ids) * pow(Double(lengthScale), Self.elasticity)
            + PiperSynthesizer.sentencePause * Double(max(0, sentences.count - 1))
    }

    /// Learns from a line that lasted `duration` at `lengthScale`.
    func observe(_ sentences: [[Int64]], lengthScale: Float, duration: Double) {
        let ids = Double(sentences.reduce(0) { $0 + $1.count })
        guard ids > 0, duration > 0 else { return }
        let speech = max(0.1, duration - PiperSynthesizer.sentencePause * Double(max(0, sentences.count - 1)))
        let measured = speech / ids / pow(Double(lengthScale), Self.elasticity)
        pace.withLock { $0 = 0.8 * $0 + 0.2 * measured }
    }

    /// One sentence's samples at `sampleRate` from its phoneme ids. `lengthScale` above the
    /// voice's own is slower speech, below it faster. Blocking: call it through `Offload`.
    func synthesize(_ ids: [Int64], lengthScale: Float) throws(OnnxError) -> [Float] {
        let inference = files.config.inference
        var inputs: [String: OnnxTensor] = [
            "input": try OnnxTensor(int64s: ids, shape: [1, ids.count]),
            "input_lengths": try OnnxTensor(int64s: [Int64(ids.count)], shape: [1]),
            "scales": try OnnxTensor(floats: [inference.noiseScale, lengthScale, inference.noiseW], shape: [3]),
        ]
        if takesSpeaker { inputs["sid"] = try OnnxTensor(int64s: [0], shape: [1]) }
        let output = try model.run(inputs: inputs, outputs: ["output"])
        guard let samples = output["output"]?.floats else { throw OnnxError(.invalidTensor, "the voice gave no audio") }
        return samples
    }
}
