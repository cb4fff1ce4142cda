import Foundation
import Testing
import SessionModel
import TestSupport
@testable import Commentary

/// The installed Piper voice (joe, en_US) through ONNX Runtime. Skipped where it is not
/// installed (./scripts/setup); `NeuralFallbackTests` covers the machine without it.
@Suite(.timeLimit(.minutes(10)), .serialized, .enabled(if: InstalledVoice.present, "ONNX Runtime and the joe voice are not installed (./scripts/setup)"))
struct PiperSynthesizerTests {
    static let joe = InstalledVoice.joe

    let speech = PiperSynthesizer()

    @Test func listsTheInstalledVoiceByNameAndMakesItTheEnglishDefault() async {
        let voices = await speech.voices()
        #expect(voices.contains(Voice(id: Self.joe, name: "Joe (English, United States)", language: "en", provider: "piper")))
        let local = LocalSynthesizer()
        #expect(await local.defaultVoice(language: "en") == Self.joe)
        #expect(await local.defaultVoice(language: "es") == "es")
        #expect(await local.voices().contains { $0.id == "en-gb" })
        #expect(local.voiceIdentity(Self.joe).hasPrefix("piper|\(Self.joe)|"))
    }

    @Test func speaksASentenceAtTheOutputRate() async throws {
        let said = try await speech.speak("What a goal, the crowd is on its feet.", voice: Self.joe, maxDuration: 10)
        #expect(said.duration > 1.2 && said.duration < 5, "\(said.duration)")
        #expect(Pitch.speechLevel(said.samples) > 0.05)
        #expect(said.samples.allSatisfy { abs($0) < 1 })
        #expect(said.text == "What a goal, the crowd is on its feet.")
        // A man's voice: its pitch is where a man's is (the model's output rate was read right).
        let pitch = Pitch.median(said.samples)
        #expect(pitch > 75 && pitch < 200, "\(pitch) Hz")
    }

    @Test func aLineTooLongForItsSlotIsSpokenFasterThenShortenedByClauses() async throws {
        let text = "A lovely ball through the middle, the striker takes one touch, and it is in the back of the net."
        let relaxed = try await speech.speak(text, voice: Self.joe, maxDuration: 20)
        let tight = try await speech.speak(text, voice: Self.joe, maxDuration: relaxed.duration * 0.85)
        #expect(tight.duration <= relaxed.duration * 0.85)
        #expect(tight.text == text)
        let shorter = try await speech.speak(text, voice: Self.joe, maxDuration: relaxed.duration * 0.5)
        #expect(shorter.text != text && text.hasPrefix(String(shorter.text.dropLast())))
        #expect(shorter.duration <= relaxed.duration * 0.5)
        await #expect(throws: ProviderError.self) { try await speech.speak(text, voice: Self.joe, maxDuration: 0.3) }
    }

    @Test func aBigCallIsFasterHigherAndLouderThanACalmLine() async throws {
        let text = "And he scores from the edge of the box, what a strike that is."
        // The voice's renders vary (its duration predictor samples noise, and the pitch is read
        // in whole-sample lags): each measure is the median over five renders of each delivery
        // (with three, the pitch's median missed its 3 % by 0.05 % once in a loaded full run).
        var calm: [Speech] = [], big: [Speech] = []
        for _ in 0..<5 {
            calm.append(try await speech.speak(text, voice: Self.joe, maxDuration: 10, delivery: .calm))
            big.append(try await speech.speak(text, voice: Self.joe, maxDuration: 10, delivery: SpeechDelivery(intensity: 1)))
        }
        func median(_ speeches: [Speech], _ measure: (Speech) -> Double) -> Double { speeches.map(measure).sorted()[2] }
        let durations = (big: median(big, \.duration), calm: median(calm, \.duration))
        let pitches = (big: median(big) { Pitch.median($0.samples) }, calm: median(calm) { Pitch.median($0.samples) })
        let levels = (big: median(big) { Pitch.speechLevel($0.samples) }, calm: median(calm) { Pitch.speechLevel($0.samples) })
        #expect(durations.big < durations.calm * 0.93, "\(durations)")
        #expect(pitches.big > pitches.calm * 1.03, "\(pitches)")
        #expect(levels.big > levels.calm * 1.2, "\(levels)")
    }

    @Test func linesSpeakInParallelOnTheSharedModel() async throws {
        let speech = speech
        let lines = ["Here they come again.", "Great save by the keeper.", "The corner is cleared.", "Into the box, and away."]
        let durations = try await withThrowingTaskGroup(of: Double.self) { group in
            for line in lines { group.addTask { try await speech.speak(line, voice: Self.joe, maxDuration: 6).duration } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(durations.count == 4 && durations.allSatisfy { $0 > 0.5 })
        #expect(NeuralVoiceSettings.runs.peak <= NeuralVoiceSettings.current.parallelism)
    }

    @Test func anyPiperVoiceInTheUserFolderIsListed() async throws {
        let installed = try #require(speech.catalog.first { $0.id == Self.joe })
        let folder = TestFiles.scratch("user-voices")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("en_GB-mine-low.onnx")
        try FileManager.default.createSymbolicLink(at: model, withDestinationURL: installed.model)
        try FileManager.default.copyItem(at: installed.model.appendingPathExtension("json"), to: model.appendingPathExtension("json"))
        // A model without its .onnx.json is no voice.
        try Data().write(to: folder.appendingPathComponent("half.onnx"))
        var assets = NeuralAssets.current
        assets.voiceFolders.append(folder)
        let voices = await LocalSynthesizer(assets: assets).voices()
        #expect(voices.contains { $0.id == "en_GB-mine-low" && $0.provider == "piper" })
        #expect(!voices.contains { $0.id == "half" })
        // Not spoken here: that would load a second 63 MB model (the installed one speaks above).
        #expect(LocalSynthesizer(assets: assets).voiceIdentity("en_GB-mine-low").hasPrefix("piper|en_GB-mine-low|"))
    }
}

enum InstalledVoice {
    static let joe = "en_US-joe-medium"
    static var present: Bool {
        NeuralAssets.current.runtimeLibrary != nil && PiperSynthesizer().catalog.contains { $0.id == joe }
    }
}

/// Where ONNX Runtime or the voices are missing, the neural voice is not listed and English
/// falls back to espeak-ng: nothing fails.
@Suite(.timeLimit(.minutes(10))) struct NeuralFallbackTests {
    @Test func withoutTheRuntimeTheNeuralVoiceIsNotListed() async {
        let empty = TestFiles.scratch("no-deps")
        defer { try? FileManager.default.removeItem(at: empty) }
        let assets = NeuralAssets(packages: empty, userVoices: empty)
        #expect(assets.runtimeLibrary == nil)
        let local = LocalSynthesizer(assets: assets)
        #expect(await local.voices().allSatisfy { $0.provider == "espeak" })
        #expect(await local.defaultVoice(language: "en") == "en-us")
        await #expect(throws: ProviderError.self) { try await PiperSynthesizer(assets: assets).checkVoice("en_US-joe-medium") }
    }

    @Test func phonemesBecomeIdsWithPipersPadding() throws {
        let config = try JSONDecoder().decode(PiperVoiceConfig.self, from: Data(#"""
            {"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"},
             "inference":{"noise_scale":0.667,"length_scale":1,"noise_w":0.8},
             "phoneme_id_map":{"_":[0],"^":[1],"$":[2]," ":[3],",":[8],".":[10],"a":[14],"b":[15],"ˈ":[120]}}
            """#.utf8))
        let phonemizer = PiperPhonemizer(config: config)
        #expect(phonemizer.ids("ˈab, a.") == [1, 0, 120, 0, 14, 0, 15, 0, 8, 0, 3, 0, 14, 0, 10, 0, 2])
        // A scalar the voice does not know is left out, with its padding.
        #expect(phonemizer.ids("aq") == [1, 0, 14, 0, 2])
    }

    @Test func clausesKeepTheirPunctuationAndSentencesSplit() {
        let clauses = PiperPhonemizer.clauses("Wait, wait... it's 2.5 metres out — and in! Yes")
        #expect(clauses.map(\.text) == ["Wait", "wait", "it's 2.5 metres out", "and in", "Yes"])
        #expect(clauses.map(\.mark) == [",", ".", ",", "!", nil])
        let sentences = PiperPhonemizer.sentences(clauses, phonemes: ["wˈeɪt", "wˈeɪt", "ɪts (en)tˈuː", "ænd ˈɪn", "jˈɛs"])
        #expect(sentences == ["wˈeɪt, wˈeɪt.", "ɪts tˈuː, ænd ˈɪn!", "jˈɛs"])
    }
}
