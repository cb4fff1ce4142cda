import Foundation
import Media
public import SessionModel

/// Neural speech: Piper voices (VITS) run through ONNX Runtime in process, phonemes from the
/// espeak thread. Lists the voices of `NeuralAssets` (the installed one, then the user's) when
/// ONNX Runtime opens; a voice loads once per process, on first use or `checkVoice`, and is
/// shared by every session. Lines run in parallel up to the cores (`NeuralVoiceSettings`).
/// A line that would overrun its slot is spoken faster (`length_scale`, at most 35% faster
/// than the voice as trained), then shortened by whole clauses, never cut off.
public struct PiperSynthesizer: SpeechSynthesizer {
    public let name = "piper"
    let catalog: [PiperVoiceFiles]
    let runtimeLibrary: URL?
    let settings: NeuralVoiceSettings
    static let fastest: Float = 1.35
    /// The pause between two sentences of a line.
    static let sentencePause = 0.12
    /// The speech level lines are brought to before the delivery's lift, about espeak-ng's, so
    /// the mix treats both alike (RMS of the samples above -40 dBFS).
    static let speechLevel: Float = 0.12

    public init(assets: NeuralAssets = .current) {
        var seen = Set<String>()
        catalog = assets.voiceFolders.flatMap(PiperVoiceFiles.all(in:)).filter { seen.insert($0.id).inserted }
        runtimeLibrary = assets.runtimeLibrary
        settings = .current
    }

    public var parallelism: Int { settings.parallelism }

    /// Whether `voice` is one of these voices (the local speech routes by it).
    func owns(_ voice: String) -> Bool { catalog.contains { $0.id == voice } }

    public func voices() async -> [Voice] {
        guard await runtime() != nil else { return [] }
        return catalog.map { Voice(id: $0.id, name: $0.name, language: $0.config.languageFamily, provider: name) }
    }

    public func defaultVoice(language: String) async -> String? {
        guard await runtime() != nil else { return nil }
        return catalog.first { $0.config.languageFamily == language }?.id
    }

    /// Checks the files and the runtime, and starts loading the model without waiting for it:
    /// a session's first lines wait for the load, not its start.
    public func checkVoice(_ voice: String) async throws(ProviderError) {
        guard let files = catalog.first(where: { $0.id == voice }) else { throw ProviderError(.permanent, "unknown voice '\(voice)'") }
        guard let runtime = await runtime() else {
            throw ProviderError(.permanent, "the neural voice '\(voice)' needs ONNX Runtime: \(NeuralAssets.installHint)")
        }
        PiperVoiceStore.shared.prepare(files, runtime: runtime, intraOpThreads: settings.intraOpThreads, memoryArena: settings.memoryArena)
    }

    /// Waits until `voice` is loaded (the bench times it; speaking loads it anyway).
    public func load(voice: String) async throws(ProviderError) {
        _ = try await load(voice)
    }

    public func voiceIdentity(_ voice: String) -> String {
        let fingerprint = catalog.first { $0.id == voice }?.fingerprint ?? "unknown"
        return "\(name)|\(voice)|\(fingerprint)"
    }

    /// The joe voice says about 4 words a second as trained; lines are sized a little under
    /// that, leaving room for a calm line's pauses.
    public func wordsPerSecond(voice: String) -> Double { 3.0 }

    public func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        // One place among the process's neural runs for the whole line, taken before the model
        // is ready and kept through its tries: lines speak in the order they asked (urgent ones
        // first), also when they all waited for the model to load.
        guard await NeuralVoiceSettings.runs.acquire() else { throw ProviderError(.transient, "cancelled") }
        defer { NeuralVoiceSettings.runs.release() }
        let loaded = try await load(voice)
        let style = PiperDelivery(delivery)
        let base = loaded.files.config.inference.lengthScale
        var line = text
        while true {
            let sentences = await phonemes(line, voice: loaded)
            guard !sentences.isEmpty else { throw ProviderError(.permanent, "'\(text)' has nothing the voice can say") }
            // Sized before it is spoken: a line that cannot fit even at the fastest pace loses a
            // clause first, and one that fits only faster starts at the pace it needs.
            var pace = style.pace
            let estimate = loaded.estimatedDuration(sentences, lengthScale: pace)
            if estimate > maxDuration / 1.04 {
                pace = max(1 / Self.fastest, pace * Float(pow(maxDuration / 1.04 / estimate, 1 / PiperVoice.elasticity)))
            }
            let canShorten = ClauseShortener.shorter(line) != nil
            var tried: [(pace: Float, duration: Double)] = []
            // The estimate may be off by 10-20% (the model varies, other lines taught it): only a
            // line well past its slot even at the fastest pace is shortened unheard.
            if !canShorten || loaded.estimatedDuration(sentences, lengthScale: pace) <= maxDuration * 1.25 {
                while tried.count < 3 {
                    let samples = try await render(sentences, voice: loaded, lengthScale: base * pace, style: style)
                    let speech = Speech(samples: samples, text: line)
                    loaded.observe(sentences, lengthScale: pace * style.pitch, duration: speech.duration * Double(style.pitch))
                    if speech.duration <= maxDuration { return speech }
                    tried.append((pace, speech.duration))
                    guard let next = Self.fasterPace(tried, target: maxDuration / 1.04), next < pace else { break }
                    pace = next
                }
            }
            guard let shorter = ClauseShortener.shorter(line) else {
                throw ProviderError(.permanent, String(format: "'%@' does not fit in %.1f s even at the fastest rate", text, maxDuration))
            }
            line = shorter
        }
    }

    /// The pace to try next for a line that overran, from the paces tried and the durations
    /// they gave: a line's duration follows `length_scale` only about half as much (short
    /// phonemes keep their frame, pauses stay), so the first guess assumes that, later ones
    /// follow the last two tries. Nil when even the fastest pace was tried.
    static func fasterPace(_ tried: [(pace: Float, duration: Double)], target: Double) -> Float? {
        guard let last = tried.last, last.pace > 1 / fastest + 0.001 else { return nil }
        var next: Float
        if tried.count >= 2, case let previous = tried[tried.count - 2], previous.duration - last.duration > 0.01 {
            let slope = (previous.duration - last.duration) / Double(previous.pace - last.pace)
            next = last.pace - Float((last.duration - target) / slope)
        } else {
            next = last.pace * Float(pow(target / last.duration, 2))
        }
        return max(next, 1 / fastest)
    }

    // MARK: steps

    private func runtime() async -> OnnxRuntime? {
        guard let runtimeLibrary else { return nil }
        return try? await NeuralRuntime.runtime(library: runtimeLibrary).get()
    }

    private func load(_ voice: String) async throws(ProviderError) -> PiperVoice {
        guard let files = catalog.first(where: { $0.id == voice }) else { throw ProviderError(.permanent, "unknown voice '\(voice)'") }
        guard let runtime = await runtime() else {
            throw ProviderError(.permanent, "the neural voice '\(voice)' needs ONNX Runtime: \(NeuralAssets.installHint)")
        }
        switch await PiperVoiceStore.shared.voice(files, runtime: runtime, intraOpThreads: settings.intraOpThreads, memoryArena: settings.memoryArena) {
        case .success(let loaded): return loaded
        case .failure(let error): throw ProviderError(.permanent, "the neural voice '\(voice)' did not load: \(error.message)")
        }
    }

    /// Phoneme ids per sentence, the phonemes from the espeak thread in the voice's language.
    private func phonemes(_ line: String, voice: PiperVoice) async -> [[Int64]] {
        let clauses = PiperPhonemizer.clauses(line)
        let language = voice.files.config.espeak.voice
        let spoken: [String] = await EspeakEngine.shared.perform {
            let selector = EspeakEngine.shared.voice(language)?.selector ?? language
            return clauses.map { EspeakEngine.phonemes($0.text, voice: selector) ?? "" }
        }
        return PiperPhonemizer.sentences(clauses, phonemes: spoken).map(voice.phonemizer.ids)
    }

    /// The line's samples at the output rate: each sentence through the model, joined by a
    /// pause, trimmed, at 44.1 kHz, lifted.
    private func render(_ sentences: [[Int64]], voice: PiperVoice, lengthScale: Float, style: PiperDelivery) async throws(ProviderError) -> [Float] {
        let result = await Offload.run { () -> Result<[Float], OnnxError> in
            do throws(OnnxError) {
                var samples: [Float] = []
                let pause = [Float](repeating: 0, count: Int(Self.sentencePause * Double(voice.sampleRate)))
                for (i, ids) in sentences.enumerated() {
                    if i > 0 { samples += pause }
                    samples += SpeechShaping.trimmed(try voice.synthesize(ids, lengthScale: lengthScale * style.pitch))
                }
                return .success(SpeechShaping.shaped(samples, rate: voice.sampleRate, pitch: style.pitch,
                                                     level: Self.speechLevel * style.gain))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let samples): return samples
        case .failure(let error): throw ProviderError(.permanent, "the neural voice failed: \(error.message)")
        }
    }
}
