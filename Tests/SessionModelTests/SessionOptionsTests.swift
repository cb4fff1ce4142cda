import Foundation
import Testing
import SessionModel

@Suite(.timeLimit(.minutes(10))) struct SessionOptionsTests {
    @Test func decodesTheProtocolsFieldNamesWithDefaults() throws {
        let json = #"{"voice":"en-gb","interval_s":20,"output":"highlights","duck":0.3,"style":"analyst","language":"de"}"#
        let options = try JSONDecoder().decode(SessionOptions.self, from: Data(json.utf8))
        #expect(options == SessionOptions(voice: "en-gb", language: "de", intervalSeconds: 20, output: .highlights, duck: 0.3, style: .analyst))
        #expect(try JSONDecoder().decode(SessionOptions.self, from: Data(#"{"duck":0.5}"#.utf8)) == SessionOptions(duck: 0.5))
        #expect(throws: (any Error).self) { try JSONDecoder().decode(SessionOptions.self, from: Data(#"{"output":"all"}"#.utf8)) }
        #expect(SessionOptions() == SessionOptions(voice: "en-us", language: "en", intervalSeconds: 30, output: .full, duck: 0.1, style: .playByPlay))
        let reel = try JSONDecoder().decode(SessionOptions.self, from: Data(#"{"output":"highlights","highlights_s":40}"#.utf8))
        #expect(reel.highlightsSeconds == 40 && reel.highlightsShare(of: 160) == 0.25 && reel.highlightsShare(of: 20) == 1)
        #expect(SessionOptions().highlightsShare(of: 100) == SessionOptions.highlightsShare)
    }

    @Test func namesTheFirstInvalidOption() {
        let voices: Set = ["en-us"], languages: Set = ["en"]
        #expect(SessionOptions().invalidOption(voices: voices, languages: languages) == nil)
        #expect(SessionOptions(voice: "xx").invalidOption(voices: voices, languages: languages) == "voice")
        #expect(SessionOptions(intervalSeconds: 4).invalidOption(voices: voices, languages: languages) == "interval_s")
        #expect(SessionOptions(intervalSeconds: 121).invalidOption(voices: voices, languages: languages) == "interval_s")
        #expect(SessionOptions(duck: 1.5).invalidOption(voices: voices, languages: languages) == "duck")
        #expect(SessionOptions(highlightsSeconds: 0).invalidOption(voices: voices, languages: languages) == "highlights_s")
        #expect(SessionOptions(highlightsSeconds: 12.5).invalidOption(voices: voices, languages: languages) == nil)
    }
}
