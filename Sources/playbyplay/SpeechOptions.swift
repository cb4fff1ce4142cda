import ArgumentParser
import Commentary

/// The speech flags: which synthesiser and where the user's own Piper voices are. `process`
/// and `serve` take them with the other provider flags, `voices` alone.
struct SpeechOptions: ParsableArguments {
    @Option(help: "Speech: local (the neural voice where installed, and espeak-ng's), espeak (espeak-ng's only), elevenlabs or openai; with `process` and `serve` it overrides --providers.")
    var speech: ProviderSelection.Speech?
    @Option(help: "A folder of your own Piper voices (NAME.onnx beside NAME.onnx.json), listed beside the installed one (default: PLAYBYPLAY_VOICES_DIR, else ~/.local/share/playbyplay/voices).")
    var voicesDir: String?

    /// These flags again, as arguments (to parse the full provider flags from them).
    var arguments: [String] {
        (speech.map { ["--speech", $0.rawValue] } ?? []) + (voicesDir.map { ["--voices-dir", $0] } ?? [])
    }
}
