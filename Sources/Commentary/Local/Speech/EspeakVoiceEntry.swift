/// A voice as espeak-ng lists it: "English (Great Britain)", "gmw/en", ["en-gb", "en"].
struct EspeakVoiceEntry: Sendable, Equatable {
    var name: String
    var identifier: String
    /// Lower-cased language codes, the voice's main one first.
    var languages: [String]
}
