/// One sport pack as stored: `Packs/<language>/<sport>.json` (docs/decisions/
/// 2026-12-02-sport-packs.md). A sport's file `extends` its language's `generic` file, which
/// holds the language's markers, numbers, claims and the words safe for any sport; the sport
/// adds its vocabulary, what each event kind means in it, its own frames and the words it
/// never uses.
struct PackFile: Decodable, Sendable {
    var id: String
    var language: String
    var name: String
    var extends: String?
    /// Other names the sport goes by ("field hockey").
    var aliases: [String]?
    var markers: Markers?
    var numbers: Numbers?
    /// Words that join once slots are filled (Spanish "de el" → "del").
    var contractions: [[String]]?
    /// Slot name → values. A sport's values replace the generic ones of the same name.
    var slots: [String: [String]]?
    /// Event kind → what it means in this sport (`*`: any other kind).
    var meanings: [String: Meaning]?
    /// Claim id → the words that make it and the event kinds that back it.
    var claims: [String: Claim]?
    /// Words (regular expressions, whole words, any case) this sport's commentary never uses.
    var forbidden: [String]?
    /// Phrase group → frames: text with `{slot}`s and `[a|b]` choices.
    var frames: [String: [String]]?

    struct Meaning: Decodable, Sendable {
        /// The phrase groups its lines come from, first the most specific.
        var groups: [String]
        /// What it probably was, as noun phrases for `{likely}` ("a point won"); frames that use
        /// it hedge.
        var likely: [String]?
    }

    struct Claim: Decodable, Sendable {
        /// A regular expression (any case); a sport's claim with the same id may leave it out
        /// and only add kinds.
        var pattern: String?
        /// Kinds whose events let a sentence make the claim outright.
        var backedBy: [String]?
        /// Kinds whose events let a hedged sentence make it ("could be a goal").
        var hedgedBy: [String]?
        /// Sentences that replace an unhedged one when only a hedging kind backs it.
        var hedges: [String]?

        enum CodingKeys: String, CodingKey {
            case pattern, backedBy = "backed_by", hedgedBy = "hedged_by", hedges
        }
    }

    struct Markers: Decodable, Sendable {
        /// Words that hedge a claim (could, maybe, sounds like...).
        var hedge: String
        /// Words of certainty, kept only when the backing event is sure (definitely...).
        var certainty: String
        /// Words that point back in time (earlier, ago, so far...): the claim may rest on any
        /// earlier moment of the story.
        var backReference: String
        /// What makes a sentence excited (`!`, huge, what a...).
        var excited: String

        enum CodingKeys: String, CodingKey {
            case hedge, certainty, backReference = "back_reference", excited
        }
    }

    struct Numbers: Decodable, Sendable {
        /// Index n: the n-th ("second" at 2).
        var ordinals: [String]
        /// Index n: n as a word.
        var counts: [String]
        /// Spans of time in words: the first whose `upTo` (seconds) is at least the span.
        var durations: [Span]

        struct Span: Decodable, Sendable {
            var upTo: Double
            var words: String

            enum CodingKeys: String, CodingKey { case upTo = "up_to", words }
        }
    }
}
