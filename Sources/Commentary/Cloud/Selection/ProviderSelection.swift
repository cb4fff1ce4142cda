/// Which provider plays each role: `--providers` picks a set, `--detector`, `--writer` and
/// `--speech` override one role.
public struct ProviderSelection: Sendable, Equatable {
    public enum Detector: String, Sendable, CaseIterable { case local, gemini, openai }
    public enum Writer: String, Sendable, CaseIterable { case local, gemini, openai }
    /// local: the neural voices where installed and espeak-ng's; espeak: espeak-ng's only.
    public enum Speech: String, Sendable, CaseIterable { case local, espeak, elevenlabs, openai }
    public enum Preset: String, Sendable, CaseIterable { case local, gemini, openai }

    public var detector: Detector
    public var writer: Writer
    public var speech: Speech

    public init(detector: Detector = .local, writer: Writer = .local, speech: Speech = .local) {
        self.detector = detector
        self.writer = writer
        self.speech = speech
    }

    /// local: offline. gemini: Gemini watches and writes, ElevenLabs speaks (the tool this
    /// replaces). openai: an OpenAI-compatible server writes and speaks; detection stays local,
    /// since not every compatible model takes images (`--detector openai` for one that does).
    public init(preset: Preset) {
        switch preset {
        case .local: self.init()
        case .gemini: self.init(detector: .gemini, writer: .gemini, speech: .elevenlabs)
        case .openai: self.init(detector: .local, writer: .openai, speech: .openai)
        }
    }

    public var usesCloud: Bool { detector != .local || writer != .local || ![.local, .espeak].contains(speech) }
}
