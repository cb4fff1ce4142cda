public import SessionModel

/// A sport's words in one language, ready to use: its file merged over its language's
/// generic file, patterns compiled. Made by `SportCatalog`.
public struct SportPack: Sendable {
    public let sport: Sport
    public let language: String
    public let name: String
    let slots: [String: [String]]
    let meanings: [String: PackFile.Meaning]
    let frames: [String: [Frame]]
    let claims: [Claim]
    /// The words this sport never uses (nil: none listed).
    let forbidden: TextPattern?
    let markers: Markers
    let numbers: PackFile.Numbers
    /// (joined, as written): "de el " → "del ".
    let contractions: [(from: String, to: String)]

    /// A phrase template; its id names it in the story (a skeleton).
    struct Frame: Sendable, Hashable {
        let id: String
        let text: String
        /// The slots it uses.
        let slots: [String]

        init(id: String, text: String) {
            self.id = id
            self.text = text
            slots = FrameFiller.slotNames(in: text)
        }
    }

    struct Claim: Sendable {
        let id: String
        let pattern: TextPattern
        let backedBy: Set<String>
        let hedgedBy: Set<String>
        let hedges: [String]
    }

    struct Markers: Sendable {
        let hedge: TextPattern
        let certainty: TextPattern
        let backReference: TextPattern
        let excited: TextPattern
    }

    /// What an event of `kind` means here (the `*` entry for a kind the pack does not name).
    func meaning(of kind: String) -> PackFile.Meaning {
        meanings[kind] ?? meanings["*"] ?? PackFile.Meaning(groups: ["moment"], likely: nil)
    }

    func frames(_ group: String) -> [Frame] { frames[group] ?? [] }

    /// `seconds` in words ("two minutes").
    func duration(_ seconds: Double) -> String {
        numbers.durations.first { seconds <= $0.upTo }?.words ?? numbers.durations.last?.words ?? ""
    }

    func ordinal(_ n: Int) -> String? { numbers.ordinals.indices.contains(n) ? numbers.ordinals[n] : nil }
    func count(_ n: Int) -> String? { numbers.counts.indices.contains(n) ? numbers.counts[n] : nil }
}
