import ArgumentParser
import Commentary
import Foundation
import SessionModel

/// Lists the voices by language, each with its id (what `--voice` and `change_voice` take), its
/// name and its provider, the language's default first.
struct VoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "voices", abstract: "Lists the voices the commentary can be spoken in.")

    @OptionGroup var voice: SpeechOptions

    func run() async throws {
        let cloud = try ProviderOptions.parse(voice.arguments)
        let synthesizer = cloud.make().synthesizer
        let voices = await synthesizer.voices()
        if !voices.contains(where: { $0.provider == "piper" }), cloud.selection.speech == .local {
            let assets = NeuralAssets.current
            let missing = assets.runtimeLibrary == nil ? "ONNX Runtime is not installed" : "no Piper voice was found"
            print("The neural voice is not available (\(missing)): \(NeuralAssets.installHint).")
            print("Any Piper voice (NAME.onnx beside NAME.onnx.json) in --voices-dir or ~/.local/share/playbyplay/voices is listed too.\n")
        }
        let languages = Dictionary(grouping: voices, by: \.language)
        print("\(voices.count) voices in \(languages.count) languages; the id is what --voice and change_voice take.")
        print("  \("VOICE".padding(toLength: 22, withPad: " ", startingAt: 0)) NAME  [PROVIDER]")
        for language in languages.keys.sorted() {
            let defaultVoice = await synthesizer.defaultVoice(language: language)
            print(language)
            let list = languages[language, default: []].sorted { ($0.id == defaultVoice ? 0 : 1, $0.id) < ($1.id == defaultVoice ? 0 : 1, $1.id) }
            for voice in list {
                let mark = voice.id == defaultVoice ? " (default)" : ""
                print("  \(voice.id.padding(toLength: 22, withPad: " ", startingAt: 0)) \(voice.name)\(mark)  [\(voice.provider)]")
            }
        }
    }
}
