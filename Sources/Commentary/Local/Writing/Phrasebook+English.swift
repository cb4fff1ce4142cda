import SessionModel
extension Phrasebook {
    static let english = Phrasebook(
        parts: [
            .opening: Parts(
                heads: ["And we're under way here.", "Welcome along, we're live.", "Here we go then.", "Good to have you with us."],
                middles: ["Both sides look ready,", "The {field} is set,", "A big crowd in tonight,", "Plenty at stake,"],
                tails: ["let's see who settles first.", "and the {players} are off.", "this should be a good one.", "so enjoy it."]),
            .bigRoar: Parts(
                heads: ["Oh, what a moment!", "Listen to that crowd!", "Huge, absolutely huge!", "The place erupts!", "Incredible scenes!", "What drama here!"],
                middles: ["That is the big one,", "Everybody is up,", "You can feel it,", "They have waited for that,", "Pure noise now,"],
                tails: ["what a turn this is.", "they will remember that.", "the {players} celebrate.", "and it means so much.", "simply brilliant."]),
            .roar: Parts(
                heads: ["The crowd likes that.", "A big cheer there.", "Nice play.", "That lifts them.", "Good effort.", "Noise around the {field}."],
                middles: ["Some pressure building,", "Quick thinking,", "Plenty of energy,", "Keeping it moving,", "A real chance,"],
                tails: ["with the {ball} moving well.", "and they want more.", "near the {goal} too.", "from the {players}.", "nicely done."]),
            .whistle: Parts(
                heads: ["There's the whistle.", "The referee steps in.", "Whistle, and play stops.", "Stopped by the official."],
                middles: ["A decision to make,", "Time to reset,", "Some complaints,", "A short break,"],
                tails: ["and we wait for the restart.", "the {players} regroup.", "let's see what follows.", "and on we go."]),
            .cut: Parts(
                heads: ["A new angle here.", "Let's look again.", "Another view.", "Over to this side."],
                middles: ["A closer look,", "From up high,", "Worth a second look,", "Watch the spacing,"],
                tails: ["as the {players} reposition.", "around the {goal}.", "with the {ball} in play.", "and it tells a story."]),
            .colour: Parts(
                heads: ["Steady spell, this.", "A patient phase now.", "Quieter for a moment.", "Building slowly.", "Time to catch a breath."],
                middles: ["Both sides probing,", "Lots of passing,", "Nobody rushing it,", "Shape is good,"],
                tails: ["waiting for an opening.", "the {players} stay calm.", "across the {field}.", "with the {ball} kept well."]),
        ],
        nouns: [
            .soccer: ["ball": "ball", "goal": "goal", "field": "pitch", "players": "players"],
            .basketball: ["ball": "ball", "goal": "basket", "field": "court", "players": "players"],
            .tennis: ["ball": "ball", "goal": "net", "field": "court", "players": "players"],
            .hockey: ["ball": "puck", "goal": "net", "field": "rink", "players": "skaters"],
            .generic: ["ball": "play", "goal": "target", "field": "ground", "players": "competitors"],
        ])
}
