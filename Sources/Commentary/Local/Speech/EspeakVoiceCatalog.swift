/// A voice espeak-ng offers, as playbyplay lists it: the id on the wire ("en-gb", "en-us+f2"),
/// a human name, the language, and what selects it in espeak-ng ("gmw/en", "gmw/en-US+f2").
struct EspeakVoiceChoice: Sendable, Equatable {
    var id: String
    var name: String
    var language: String
    var selector: String
}

/// Turns espeak-ng's voice list into the voices playbyplay offers. A voice is selected by its
/// identifier: selecting by language code fails for some ("en-gb" and "fr-fr" are codes of
/// voices whose file is "gmw/en" and "roa/fr"). Its id is its main language code, which is
/// what users and older sessions know ("en-us", "es"), or the identifier when two voices share
/// that code. The main English and Spanish voices get two variants each.
enum EspeakVoiceCatalog {
    static let variants: [(suffix: String, label: String)] = [("f2", "female"), ("m3", "male 2")]
    static let withVariants: Set<String> = ["en-us", "en-gb", "es"]

    static func choices(_ entries: [EspeakVoiceEntry]) -> [EspeakVoiceChoice] {
        var taken = Set<String>()
        var choices: [EspeakVoiceChoice] = []
        for entry in entries {
            let code = entry.languages.first ?? entry.identifier.lowercased()
            let id = taken.insert(code).inserted ? code : entry.identifier
            let language = String(code.split(separator: "-").first ?? Substring(code))
            choices.append(EspeakVoiceChoice(id: id, name: entry.name, language: language, selector: entry.identifier))
            guard withVariants.contains(id) else { continue }
            for variant in variants {
                choices.append(EspeakVoiceChoice(id: "\(id)+\(variant.suffix)", name: "\(entry.name), \(variant.label)",
                                                 language: language, selector: "\(entry.identifier)+\(variant.suffix)"))
            }
        }
        return choices
    }
}

/// The check every espeak voice passes once before it is listed: it speaks a plain sentence,
/// and speaks its words rather than spelling them letter by letter (voices of languages with
/// another script spell Latin text out, 3-4 times as long: no commentary line would fit).
enum EspeakVoiceCheck {
    static let sentence = "What a goal for the home side, and the crowd is up."
    static let words = 12
    /// At the normal rate a voice takes about 3 s for it; spelling voices take 10 s and more.
    static let longestSecondsPerWord = 0.5

    static func passes(_ samples: [Int16]?, rate: Int) -> Bool {
        guard let samples, rate > 0, samples.contains(where: { abs(Int($0)) > 64 }) else { return false }
        return Double(samples.count) / Double(rate) <= Double(words) * longestSecondsPerWord
    }
}
