extension CommentaryProviders {
    /// The providers `selection` names, each cloud one falling back to its local counterpart.
    /// Throws, naming the environment variable, when a chosen service has no key.
    /// `assets`: where the neural voices are (`NeuralAssets.current`, or with `--voices-dir`).
    public static func make(_ selection: ProviderSelection, settings: CloudSettings,
                            assets: NeuralAssets = .current) throws(ProviderError) -> CommentaryProviders {
        let local = assets == .current ? CommentaryProviders.local : CommentaryProviders.local(assets: assets)
        var providers = local
        let clients = CloudClients(settings: settings)
        func gate(_ role: ProviderRole, _ service: String, _ localName: String) -> FallbackGate {
            FallbackGate(role: role, service: service, localName: localName, failuresBeforeLocal: settings.policy.failuresBeforeLocal)
        }
        let detector: (any EventDetector)? = switch selection.detector {
        case .local: nil
        case .gemini: GeminiEventDetector(client: try clients.gemini())
        case .openai: OpenAIEventDetector(client: try clients.openAI())
        }
        if let detector {
            providers.detector = FallbackDetector(cloud: detector, local: local.detector, gate: gate(.detection, detector.name, "local detection"))
            providers.startDetector = local.detector
        }
        let writer: (any CommentaryWriter)? = switch selection.writer {
        case .local: nil
        case .gemini: GeminiCommentaryWriter(client: try clients.gemini())
        case .openai: OpenAICommentaryWriter(client: try clients.openAI())
        }
        if let writer {
            providers.writer = FallbackWriter(cloud: writer, local: local.writer, gate: gate(.writing, writer.name, "template writing"))
        }
        if selection.speech == .espeak { providers.synthesizer = EspeakSynthesizer() }
        let speech: (any SpeechSynthesizer)? = switch selection.speech {
        case .local, .espeak: nil
        case .elevenlabs: try clients.elevenLabs()
        case .openai: OpenAISynthesizer(client: try clients.openAI())
        }
        if let speech {
            providers.synthesizer = FallbackSynthesizer(cloud: speech, local: local.synthesizer, localVoice: "en-us",
                                                        gate: gate(.speech, speech.name, "the local voices"))
        }
        return providers
    }
}

/// One cloud client per service, shared by the roles it plays, so the limit on calls in
/// flight holds per service.
private struct CloudClients {
    let settings: CloudSettings
    let geminiClient: CloudClient
    let openAIClient: CloudClient
    let elevenLabsClient: CloudClient

    init(settings: CloudSettings) {
        self.settings = settings
        geminiClient = CloudClient(service: "gemini", keyVariable: "GEMINI_API_KEY", policy: settings.policy)
        openAIClient = CloudClient(service: "openai", keyVariable: "OPENAI_API_KEY", policy: settings.policy)
        elevenLabsClient = CloudClient(service: "elevenlabs", keyVariable: "ELEVENLABS_API_KEY", policy: settings.policy)
    }

    func gemini() throws(ProviderError) -> GeminiClient {
        guard let key = settings.geminiKey else { throw missing("GEMINI_API_KEY", "gemini") }
        return GeminiClient(cloud: geminiClient, key: key, baseURL: settings.geminiBaseURL, model: settings.geminiModel)
    }

    func openAI() throws(ProviderError) -> OpenAIClient {
        guard settings.openAIKey != nil || settings.customOpenAIServer else { throw missing("OPENAI_API_KEY", "openai") }
        return OpenAIClient(cloud: openAIClient, key: settings.openAIKey, baseURL: settings.openAIBaseURL,
                            model: settings.openAIModel, speechModel: settings.openAISpeechModel)
    }

    func elevenLabs() throws(ProviderError) -> ElevenLabsSynthesizer {
        guard let key = settings.elevenLabsKey else { throw missing("ELEVENLABS_API_KEY", "elevenlabs") }
        return ElevenLabsSynthesizer(cloud: elevenLabsClient, key: key, baseURL: settings.elevenLabsBaseURL,
                                     model: settings.elevenLabsModel,
                                     outputFormat: ElevenLabsOutputFormat(settings.elevenLabsOutputFormat) ?? .standard)
    }

    private func missing(_ variable: String, _ service: String) -> ProviderError {
        ProviderError(.permanent, "\(service) needs \(variable) in the environment (or choose a local provider for that role)")
    }
}
