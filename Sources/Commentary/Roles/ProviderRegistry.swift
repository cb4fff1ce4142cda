/// The providers one session uses, one per role.
public struct CommentaryProviders: Sendable {
    public var detector: any EventDetector
    public var writer: any CommentaryWriter
    public var synthesizer: any SpeechSynthesizer
    /// Detects the first interval a session takes when `detector` is a remote call that takes
    /// seconds (a vision model): the local signal detector answers in a fraction of a second,
    /// so the first chunk plays without waiting for the slowest call (docs/decisions/
    /// 2026-11-26-fast-start.md). Nil: every interval uses `detector`.
    public var startDetector: (any EventDetector)?

    public init(detector: any EventDetector, writer: any CommentaryWriter, synthesizer: any SpeechSynthesizer,
                startDetector: (any EventDetector)? = nil) {
        self.detector = detector
        self.writer = writer
        self.synthesizer = synthesizer
        self.startDetector = startDetector
    }

    /// Offline defaults: signal-based detection, templates, the local voices (neural where
    /// installed, espeak-ng).
    public static let local = CommentaryProviders.local(assets: .current)

    /// The offline defaults with the neural voices `assets` finds.
    public static func local(assets: NeuralAssets) -> CommentaryProviders {
        CommentaryProviders(detector: LocalEventDetector(), writer: LocalCommentaryWriter(), synthesizer: LocalSynthesizer(assets: assets))
    }
}

/// Providers by name, so cloud providers plug in beside the local ones.
public struct ProviderRegistry: Sendable {
    public private(set) var detectors: [String: any EventDetector] = [:]
    public private(set) var writers: [String: any CommentaryWriter] = [:]
    public private(set) var synthesizers: [String: any SpeechSynthesizer] = [:]

    public init() {}

    /// The local providers, registered as "local" (detection, writing, speech: neural and
    /// espeak-ng voices), "espeak" (espeak-ng's voices only) and "piper" (the neural ones).
    public static var standard: ProviderRegistry {
        var registry = ProviderRegistry()
        registry.register(LocalEventDetector())
        registry.register(LocalCommentaryWriter())
        registry.register(LocalSynthesizer())
        registry.register(EspeakSynthesizer())
        registry.register(PiperSynthesizer())
        return registry
    }

    public mutating func register(_ detector: any EventDetector) { detectors[detector.name] = detector }
    public mutating func register(_ writer: any CommentaryWriter) { writers[writer.name] = writer }
    public mutating func register(_ synthesizer: any SpeechSynthesizer) { synthesizers[synthesizer.name] = synthesizer }

    public func providers(detector: String = "local", writer: String = "local", speech: String = "local") throws(ProviderError) -> CommentaryProviders {
        guard let d = detectors[detector] else { throw ProviderError(.permanent, "no event detector named '\(detector)'") }
        guard let w = writers[writer] else { throw ProviderError(.permanent, "no commentary writer named '\(writer)'") }
        guard let s = synthesizers[speech] else { throw ProviderError(.permanent, "no speech synthesizer named '\(speech)'") }
        return CommentaryProviders(detector: d, writer: w, synthesizer: s)
    }
}
