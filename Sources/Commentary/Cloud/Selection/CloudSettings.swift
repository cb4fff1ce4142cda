/// Keys, endpoints and models of the cloud services, from the environment. Keys are kept
/// here and sent only in the services' auth headers: never logged, never in events.
public struct CloudSettings: Sendable {
    public var geminiKey: String?
    public var elevenLabsKey: String?
    public var openAIKey: String?
    public var geminiBaseURL = "https://generativelanguage.googleapis.com"
    public var elevenLabsBaseURL = "https://api.elevenlabs.io"
    /// With `/v1`, as OpenAI's own clients take it.
    public var openAIBaseURL = "https://api.openai.com/v1"
    public var geminiModel = "gemini-2.5-flash"
    public var elevenLabsModel = "eleven_flash_v2_5"
    /// `mp3_44100_128` works on every plan; `pcm_44100` needs a Pro plan (see `ElevenLabsOutputFormat`).
    public var elevenLabsOutputFormat = ElevenLabsOutputFormat.standard.name
    public var openAIModel = "gpt-4o-mini"
    public var openAISpeechModel = "gpt-4o-mini-tts"
    /// Whether OPENAI_BASE_URL points elsewhere than OpenAI (a local server may take no key).
    public var customOpenAIServer = false
    public var policy = CloudPolicy()

    public init() {}

    /// GEMINI_API_KEY, ELEVENLABS_API_KEY, OPENAI_API_KEY, OPENAI_BASE_URL, and for tests and
    /// self-hosted gateways GEMINI_BASE_URL, ELEVENLABS_BASE_URL; models GEMINI_MODEL,
    /// ELEVENLABS_MODEL, OPENAI_MODEL, OPENAI_SPEECH_MODEL; ELEVENLABS_OUTPUT_FORMAT;
    /// PLAYBYPLAY_CLOUD_MAX_IN_FLIGHT.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func url(_ name: String) -> String? { value(name).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } }
        geminiKey = value("GEMINI_API_KEY")
        elevenLabsKey = value("ELEVENLABS_API_KEY")
        openAIKey = value("OPENAI_API_KEY")
        geminiBaseURL = url("GEMINI_BASE_URL") ?? geminiBaseURL
        elevenLabsBaseURL = url("ELEVENLABS_BASE_URL") ?? elevenLabsBaseURL
        if let base = url("OPENAI_BASE_URL") {
            openAIBaseURL = base
            customOpenAIServer = true
        }
        geminiModel = value("GEMINI_MODEL") ?? geminiModel
        elevenLabsModel = value("ELEVENLABS_MODEL") ?? elevenLabsModel
        if let format = value("ELEVENLABS_OUTPUT_FORMAT"), ElevenLabsOutputFormat(format) != nil {
            elevenLabsOutputFormat = format
        }
        openAIModel = value("OPENAI_MODEL") ?? openAIModel
        openAISpeechModel = value("OPENAI_SPEECH_MODEL") ?? openAISpeechModel
        if let limit = value("PLAYBYPLAY_CLOUD_MAX_IN_FLIGHT").flatMap(Int.init), limit > 0 { policy.maxInFlight = limit }
    }
}
