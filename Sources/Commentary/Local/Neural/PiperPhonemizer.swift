import Foundation

/// Text to a Piper voice's phoneme ids, sentence by sentence, as Piper does it: IPA phonemes
/// from espeak-ng clause by clause, each clause followed by its punctuation (a comma or a full
/// stop is a phoneme the model was trained with, which gives the pause), NFD-decomposed, each
/// scalar mapped through `phoneme_id_map`; every sentence is `^`, then each phoneme followed
/// by the pad `_`, then `$`. Scalars the voice does not know are left out.
struct PiperPhonemizer: Sendable {
    private let ids: [Unicode.Scalar: [Int64]]
    private let pad: [Int64], start: [Int64], end: [Int64]

    init(config: PiperVoiceConfig) {
        var ids: [Unicode.Scalar: [Int64]] = [:]
        for (key, value) in config.phonemeIDMap {
            let scalars = Array(key.unicodeScalars)
            if scalars.count == 1 { ids[scalars[0]] = value }
        }
        self.ids = ids
        pad = ids["_"] ?? [0]
        start = ids["^"] ?? [1]
        end = ids["$"] ?? [2]
    }

    /// A clause and the punctuation that ends it ("," ";" ":" "." "!" "?", or none at the end).
    struct Clause: Equatable {
        var text: String
        var mark: Character?
        var endsSentence: Bool { mark.map { ".!?".contains($0) } ?? true }
    }

    /// Splits at clause punctuation followed by a space or the end ("2.5" stays whole); a dash
    /// is a comma, an ellipsis a full stop.
    static func clauses(_ text: String) -> [Clause] {
        var clauses: [Clause] = []
        var current = ""
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            var character = characters[i]
            if character == "—" || character == "–" { character = "," }
            let nextIsBreak = i + 1 >= characters.count || characters[i + 1].isWhitespace || ",;:.!?".contains(characters[i + 1])
            if ",;:.!?".contains(character), nextIsBreak {
                // Runs of marks ("?!", "...") end the clause once, with the last sentence mark.
                var mark = character
                while i + 1 < characters.count, ",;:.!?".contains(characters[i + 1]) {
                    i += 1
                    if ".!?".contains(characters[i]) { mark = characters[i] }
                }
                let trimmed = current.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { clauses.append(Clause(text: trimmed, mark: mark)) }
                current = ""
            } else {
                current.append(character)
            }
            i += 1
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { clauses.append(Clause(text: rest, mark: nil)) }
        return clauses
    }

    /// The sentences' phoneme strings, from each clause's phonemes (`phonemes`, espeak-ng's).
    static func sentences(_ clauses: [Clause], phonemes: [String]) -> [String] {
        var sentences: [String] = []
        var current = ""
        for (clause, spoken) in zip(clauses, phonemes) {
            let cleaned = spoken.replacingOccurrences(of: #"\([a-z-]+\)"#, with: "", options: .regularExpression)
                .trimmingCharacters(in: .whitespaces)
            guard !cleaned.isEmpty else { continue }
            if !current.isEmpty { current += " " }
            current += cleaned
            if let mark = clause.mark { current.append(mark) }
            if clause.endsSentence {
                sentences.append(current)
                current = ""
            }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    /// One sentence's ids: `^ _ p1 _ p2 _ ... $`.
    func ids(_ sentence: String) -> [Int64] {
        var out = start + pad
        for scalar in sentence.decomposedStringWithCanonicalMapping.unicodeScalars {
            guard let id = ids[scalar] else { continue }
            out += id
            out += pad
        }
        return out + end
    }
}
