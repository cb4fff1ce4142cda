import Foundation
import Testing
import SessionModel
import TestSupport
@testable import Commentary

/// The sport packs as data: every shipped file loads, every frame can be filled, the catalog
/// offers what the files hold, and a new sport is a new file.
@Suite(.timeLimit(.minutes(10))) struct SportPackTests {
    let catalog = SportCatalog.shipped
    static let required = ["soccer", "basketball", "tennis", "hockey", "cricket", "rugby", "volleyball", "generic",
                           "baseball", "badminton", "field_hockey"]
    /// The slots the story fills (StoryValues), which no pack lists.
    static let storySlots: Set<String> = ["likely", "big_ordinal", "big_total", "big_span", "big_gap", "roar_ordinal", "roar_total",
                                          "roar_span", "roar_gap", "big_count", "quiet_for", "last_big_ago", "roar_count", "loudest"]

    @Test func everyRequiredSportHasAPackInEnglishAndSpanish() throws {
        #expect(catalog.languages == ["en", "es"])
        #expect(catalog.sports.first == "soccer" && catalog.sports.last == "generic")
        for language in catalog.languages {
            #expect(Set(catalog.sports(in: language)) == Set(Self.required), "\(language)")
            for sport in Self.required {
                let pack = try #require(catalog.pack(Sport(rawValue: sport), language: language))
                #expect(pack.sport.rawValue == sport && pack.language == language)
            }
        }
    }

    @Test func everyFrameUsesOnlySlotsThePackOrTheStoryFills() throws {
        for language in catalog.languages {
            for sport in catalog.sports {
                let pack = try #require(catalog.pack(Sport(rawValue: sport), language: language))
                for (group, frames) in pack.frames {
                    for frame in frames {
                        for slot in frame.slots {
                            #expect(pack.slots[slot] != nil || Self.storySlots.contains(slot), "\(language)/\(sport) \(group): {\(slot)} in \(frame.text)")
                        }
                        #expect(frame.text.filter { $0 == "[" }.count == frame.text.filter { $0 == "]" }.count, "\(frame.text)")
                    }
                }
                for group in ["opening", "buildup", "call", "after", "react.roar", "react.stoppage", "react.cut", "colour", "recap"] {
                    #expect(pack.frames(group).count >= 4, "\(language)/\(sport) has few \(group) frames")
                }
            }
        }
    }

    @Test func namesAndAliasesResolveAndAnUnknownSportDoesNot() {
        #expect(catalog.resolve("Field Hockey") == "field_hockey")
        #expect(catalog.resolve("football") == "soccer")
        #expect(catalog.resolve("ice hockey") == "hockey")
        #expect(catalog.resolve("curling") == nil)
        // A sport a language has no file for is written with that language's generic words.
        #expect(catalog.pack("curling", language: "es")?.sport == .generic)
        #expect(catalog.pack(.soccer, language: "xx") == nil)
    }

    @Test func addingASportIsAddingAFile() throws {
        let folder = TestFiles.scratch("packs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = try #require(SportCatalog.packsFolder)
        let english = folder.appendingPathComponent("en")
        try FileManager.default.createDirectory(at: english, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("en/generic.json"), to: english.appendingPathComponent("generic.json"))
        try Data(#"{"id":"curling","language":"en","name":"Curling","extends":"generic","slots":{"players":["the skips"]},"forbidden":["goals?"]}"#.utf8)
            .write(to: english.appendingPathComponent("curling.json"))
        let mine = try SportCatalog(folder: folder)
        #expect(mine.sports == ["curling", "generic"])
        #expect(mine.pack("curling", language: "en")?.slots["players"] == ["the skips"])
        #expect(mine.pack("curling", language: "en")?.forbidden?.matches("a goal") == true)
    }

    @Test func aBrokenPackIsReportedWithItsFileName() throws {
        let folder = TestFiles.scratch("packs")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("en"), withIntermediateDirectories: true)
        try Data(#"{"id":"generic","language":"en"}"#.utf8).write(to: folder.appendingPathComponent("en/generic.json"))
        #expect { try SportCatalog(folder: folder) } throws: { "\($0)".contains("en/generic.json") }
    }
}
