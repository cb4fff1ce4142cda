public import Media
public import SessionModel

/// `--simulate-cloud`: the local providers behind the latencies and the 5-call limit of the
/// cloud services the replaced tool used, so streaming can be measured against batch offline.
/// Each role has its own limit, as each cloud provider has its own.
extension CommentaryProviders {
    public static func simulatedCloud(wrapping local: CommentaryProviders = .local, callsInFlight: Int = 5,
                                      latencyScale: Double = 1) -> CommentaryProviders {
        func call(_ latency: SimulatedLatency) -> SimulatedCall {
            SimulatedCall(latency: latency, scale: latencyScale, limiter: ConcurrencyLimiter(limit: callsInFlight))
        }
        return CommentaryProviders(
            detector: SimulatedDetector(inner: local.detector, call: call(.detection)),
            writer: SimulatedWriter(inner: local.writer, call: call(.writing)),
            synthesizer: SimulatedSynthesizer(inner: local.synthesizer, call: call(.speech)),
            startDetector: local.detector)
    }
}

struct SimulatedDetector: EventDetector {
    let inner: any EventDetector
    let call: SimulatedCall

    var name: String { inner.name }
    var parallelism: Int { call.limiter.limit }

    func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent] {
        try await call.perform { () async throws(ProviderError) in try await inner.detect(request) }
    }
}

struct SimulatedWriter: CommentaryWriter {
    let inner: any CommentaryWriter
    let call: SimulatedCall

    var name: String { inner.name }
    var languages: [String] { inner.languages }
    /// One stretch written ahead: the cloud call's latency dominates, not the model's memory.
    var parallelism: Int { 2 }

    func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
        try await call.perform { () async throws(ProviderError) in try await inner.write(request) }
    }
}

struct SimulatedSynthesizer: SpeechSynthesizer {
    let inner: any SpeechSynthesizer
    let call: SimulatedCall

    var name: String { inner.name }
    var parallelism: Int { call.limiter.limit }

    func voices() async -> [Voice] { await inner.voices() }
    func defaultVoice(language: String) async -> String? { await inner.defaultVoice(language: language) }
    func checkVoice(_ voice: String) async throws(ProviderError) { try await inner.checkVoice(voice) }
    func voiceIdentity(_ voice: String) -> String { inner.voiceIdentity(voice) }
    func wordsPerSecond(voice: String) -> Double { inner.wordsPerSecond(voice: voice) }

    func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        try await call.perform { () async throws(ProviderError) in try await inner.speak(text, voice: voice, maxDuration: maxDuration, delivery: delivery) }
    }
}
