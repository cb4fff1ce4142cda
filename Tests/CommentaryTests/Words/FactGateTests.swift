import Testing
import SessionModel
@testable import Commentary

/// The fact gate, claim by claim: a sentence may only claim what the events support.
@Suite(.timeLimit(.minutes(10))) struct FactGateTests {
    /// `text` said at 20 s (2 s long) after `events`, through the gate of `sport`.
    private func gated(_ text: String, _ events: [DetectedEvent] = [], sport: Sport = .soccer, language: String = "en",
                       story: StoryState = StoryState()) throws -> String? {
        let pack = try #require(SportCatalog.shipped.pack(sport, language: language))
        let line = CommentaryLine(start: 20, end: 22, text: text)
        return FactGate(pack: pack).check([line], events: events, story: story).first?.text
    }

    private func event(_ kind: String, at t: Double = 18.5, confidence: Double = 0.9, salience: Double? = nil) -> DetectedEvent {
        DetectedEvent(t: t, kind: kind, confidence: confidence, label: kind, salience: salience)
    }

    @Test func aGoalNeedsAGoalOrTheScoreboardAndARoarOnlyLetsItBeHedged() throws {
        #expect(try gated("Goal! What a finish.") == nil)
        #expect(try gated("Goal! What a finish.", [event("goal")]) == "Goal! What a finish.")
        #expect(try gated("They have scored.", [event("score_change")]) == "They have scored.")
        #expect(try gated("They score.", [event("crowd_roar")]) == "That noise could mean a goal.")
        #expect(try gated("That could be a goal.", [event("crowd_roar")]) == "That could be a goal.")
        #expect(try gated("They have scored.", [event("crowd_roar")], sport: .generic) == nil, "a roar backs no score in generic")
    }

    @Test func aFoulNeedsAFoulAndAWhistleOnlyHedgesIt() throws {
        #expect(try gated("That's a foul.") == nil)
        #expect(try gated("That's a foul.", [event("whistle")]) == "Perhaps a foul, judging by the whistle.")
        #expect(try gated("That's a foul.", [event("foul")]) == "That's a foul.")
    }

    @Test func theRefereeNeedsAWhistleOrADecision() throws {
        #expect(try gated("The referee steps in.") == nil)
        #expect(try gated("The referee steps in.", [event("cut")]) == nil)
        #expect(try gated("The referee steps in.", [event("whistle")]) == "The referee steps in.")
        #expect(try gated("The referee steps in.", [event("whistle")], sport: "tennis") == nil, "tennis has no referee")
    }

    @Test func theWhistleNeedsAWhistle() throws {
        #expect(try gated("There's the whistle.", [event("cut")]) == nil)
        #expect(try gated("There's the whistle.", [event("whistle")]) == "There's the whistle.")
        #expect(try gated("There's the whistle.", [event("whistle")], sport: "cricket") == nil, "cricket never uses the word")
    }

    @Test func aPenaltyACardAndOffsideNeedTheirOwnEvents() throws {
        #expect(try gated("Penalty.", [event("whistle")]) == nil)
        #expect(try gated("Penalty.", [event("penalty")]) == "Penalty.")
        #expect(try gated("He's booked.", [event("whistle")]) == nil)
        #expect(try gated("He's booked.", [event("yellow_card")]) == "He's booked.")
        #expect(try gated("Offside.", [event("whistle")]) == nil)
        #expect(try gated("Could that be offside?", [event("whistle")]) == "Could that be offside?")
        #expect(try gated("Offside.", [event("offside")]) == "Offside.")
    }

    @Test func aSaveNeedsASaveOrAHedge() throws {
        #expect(try gated("Great save.", [event("crowd_roar")]) == nil)
        #expect(try gated("That might be a save.", [event("crowd_roar")]) == "That might be a save.")
        #expect(try gated("Great save.", [event("save")]) == "Great save.")
    }

    @Test func cricketWicketsAndBoundariesRestOnTheCrowdOnlyHedged() throws {
        #expect(try gated("Bowled him.") == nil)
        #expect(try gated("Bowled him.", [event("crowd_roar")], sport: "cricket") == "That could be a wicket, judging by the noise.")
        #expect(try gated("Bowled him.", [event("wicket")], sport: "cricket") == "Bowled him.")
        #expect(try gated("Over the rope for six.", [event("applause")], sport: "cricket") == "Maybe a boundary, by the sound of it.")
        #expect(try gated("Over the rope for six.", [event("six")], sport: "cricket") == "Over the rope for six.")
    }

    @Test func tennisAcesNeedAnAceAndAPointRestsOnTheCrowd() throws {
        #expect(try gated("An ace down the middle.", [event("crowd_roar")], sport: "tennis") == nil)
        #expect(try gated("An ace down the middle.", [event("ace")], sport: "tennis") == "An ace down the middle.")
        #expect(try gated("A winner down the line.", sport: "tennis") == nil)
        #expect(try gated("A winner down the line.", [event("crowd_roar")], sport: "tennis") == "A winner down the line.")
    }

    @Test func aReplayNeedsAReplay() throws {
        #expect(try gated("Let's see it again in slow motion.", [event("cut")]) == nil)
        #expect(try gated("Let's see it again in slow motion.", [event("replay")]) == "Let's see it again in slow motion.")
    }

    @Test func theCrowdRoarsOnlyNearARoarOrWhenTheSentencePointsBack() throws {
        #expect(try gated("The crowd roar their approval.") == nil)
        #expect(try gated("The crowd roar their approval.", [event("crowd_roar", at: 2)]) == nil, "too long ago")
        #expect(try gated("The crowd roar their approval.", [event("crowd_roar")]) == "The crowd roar their approval.")
        var story = StoryState()
        story.record(events: [event("crowd_roar", at: -40)], lines: [])
        #expect(try gated("The crowd roared a minute ago.", story: story) == "The crowd roared a minute ago.")
        #expect(try gated("Warm applause.") == nil)
        #expect(try gated("Warm applause.", [event("applause")]) == "Warm applause.")
    }

    @Test func noWriterMayAssumeTheStartOrTheEndOrAnInjury() throws {
        #expect(try gated("And we're under way.", [event("crowd_roar")]) == nil)
        #expect(try gated("Kick-off here at the stadium.", [event("kickoff")]) == "Kick-off here at the stadium.")
        #expect(try gated("It's all over.", [event("whistle")]) == nil)
        #expect(try gated("He looks hurt.", [event("whistle")]) == nil)
        #expect(try gated("He looks hurt.", [event("injury")]) == "He looks hurt.")
        #expect(try gated("They call a time-out.") == nil)
    }

    @Test func certaintyFollowsConfidence() throws {
        #expect(try gated("That is definitely a goal.", [event("goal", confidence: 0.6)]) == "That is a goal.")
        #expect(try gated("That is definitely a goal.", [event("goal", confidence: 0.95)]) == "That is definitely a goal.")
        #expect(try gated("Clearly a patient spell.", [event("cut", confidence: 0.95)]) == "A patient spell.")
    }

    @Test func excitementOnlyNearABigMoment() throws {
        #expect(try gated("Nice pass!") == "Nice pass.")
        #expect(try gated("Wow, what a spell.") == nil)
        #expect(try gated("Wow, what a spell.", [event("crowd_roar", salience: 0.3)]) == nil, "a small roar is not a big moment")
        #expect(try gated("Wow, what a spell!", [event("crowd_roar", salience: 0.9)]) == "Wow, what a spell!")
    }

    @Test func theSportsForbiddenWordsGoWhateverTheEvents() throws {
        #expect(try gated("A long rally. The goalkeeper watches.", [event("crowd_roar")], sport: "tennis") == "A long rally.")
        #expect(try gated("Lovely touch on the ball.", sport: .generic) == nil)
        #expect(try gated("Both sides look tired.", sport: "tennis") == nil)
        #expect(try gated("The puck is loose.", sport: .soccer) == nil)
    }

    @Test func spanishClaimsToo() throws {
        #expect(try gated("¡Gol!", language: "es") == nil)
        #expect(try gated("¡Gol!", [event("goal")], language: "es") == "¡Gol!")
        #expect(try gated("Marcan otro.", [event("crowd_roar")], language: "es") == "Ese ruido podría significar gol.")
        #expect(try gated("El árbitro pita falta.", language: "es") == nil)
        #expect(try gated("Falta una chispa que encienda el partido.", language: "es") == "Falta una chispa que encienda el partido.")
        #expect(try gated("Eso es sin duda un gol.", [event("goal", confidence: 0.5)], language: "es") == "Eso es un gol.")
    }

    @Test func aLineWithoutSentencesLeftIsDroppedAndTheOthersKeepTheirTimes() throws {
        let pack = try #require(SportCatalog.shipped.pack(.soccer, language: "en"))
        let lines = [CommentaryLine(start: 5, end: 7, text: "Goal!"), CommentaryLine(start: 10, end: 12, text: "Patient build-up.", skeletons: ["x"])]
        let passed = FactGate(pack: pack).check(lines, events: [], story: StoryState())
        #expect(passed == [lines[1]])
    }
}
