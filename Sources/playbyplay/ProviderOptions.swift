public import ArgumentParser
public import Commentary
import Foundation

/// The provider flags `process` and `serve` share. Keys come from the environment only.
struct ProviderOptions: ParsableArguments {
    @Option(help: "Providers: local (offline), gemini (Gemini detects and writes, ElevenLabs speaks) or openai (an OpenAI-compatible server writes and speaks).")
    var providers: ProviderSelection.Preset = .local
    @Option(help: "Event detector, overriding --providers: local, gemini, or openai (a model that takes images).") var detector: ProviderSelection.Detector?
    @Option(help: "Commentary writer, overriding --providers: local, gemini or openai.") var writer: ProviderSelection.Writer?
    @OptionGroup var voice: SpeechOptions
    var speech: ProviderSelection.Speech? { voice.speech }
    var voicesDir: String? { voice.voicesDir }
    @Option(help: "Cloud calls in flight at once, per service.") var maxCloudCalls: Int?
    @Flag(help: "Run the local providers behind the cloud latencies the replaced tool measured (detection 8 s, writing 3 s, speech 3 s, ±20%, 5 calls at a time), to measure offline what streaming gains.")
    var simulateCloud = false
    @Flag(name: .customLong("no-fast-start"),
          help: "Detect the first interval with the cloud detector too. By default the local detector answers it, so the first chunk plays without waiting for the slowest cloud call.")
    var noFastStart = false
    @Option(help: ArgumentHelp("Multiplies the simulated latencies (quick benchmark runs).", visibility: .hidden))
    var simulatedLatencyScale: Double = 1

    func validate() throws {
        guard simulatedLatencyScale > 0, simulatedLatencyScale <= 10 else {
            throw ValidationError("--simulated-latency-scale must be in (0, 10]")
        }
        if simulateCloud && (providers != .local || detector != nil || writer != nil || speech != nil) {
            throw ValidationError("--simulate-cloud runs the local providers: it does not combine with cloud providers")
        }
    }

    var selection: ProviderSelection {
        var selection = ProviderSelection(preset: providers)
        if let detector { selection.detector = detector }
        if let writer { selection.writer = writer }
        if let speech { selection.speech = speech }
        return selection
    }

    /// The chosen providers; exits with the reason (a missing key's variable) when one cannot be made.
    func make() -> CommentaryProviders {
        var providers = makeChosen()
        if noFastStart { providers.startDetector = nil }
        return providers
    }

    private func makeChosen() -> CommentaryProviders {
        if simulateCloud { return .simulatedCloud(callsInFlight: maxCloudCalls ?? 5, latencyScale: simulatedLatencyScale) }
        var settings = CloudSettings(environment: ProcessInfo.processInfo.environment)
        if let maxCloudCalls { settings.policy.maxInFlight = max(1, maxCloudCalls) }
        do {
            let assets = voicesDir.map { NeuralAssets.locate(voicesDirectory: URL(fileURLWithPath: $0)) } ?? .current
            return try CommentaryProviders.make(selection, settings: settings, assets: assets)
        } catch {
            FileHandle.standardError.write(Data("playbyplay: \(error.message)\n".utf8))
            Foundation.exit(2)
        }
    }
}

extension ProviderSelection.Preset: ExpressibleByArgument {}
extension ProviderSelection.Detector: ExpressibleByArgument {}
extension ProviderSelection.Writer: ExpressibleByArgument {}
extension ProviderSelection.Speech: ExpressibleByArgument {}
