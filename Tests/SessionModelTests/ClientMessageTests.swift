import Testing
import Foundation
import SessionModel

@Suite(.timeLimit(.minutes(10))) struct ClientMessageTests {
    let rules = HelloRules(voices: ["en-us", "es"], languages: ["en", "es"], sports: ["soccer", "hockey", "field_hockey"])

    private func parse(_ text: String) -> Result<ClientMessage, ProtocolViolation> {
        ClientMessage.parse(Array(text.utf8), rules: rules)
    }

    private func violation(_ text: String) -> ProtocolViolation? {
        if case .failure(let violation) = parse(text) { return violation }
        return nil
    }

    @Test func parsesAStartWithDefaultsAndUnknownFieldsIgnored() throws {
        let message = try parse(#"{"type":"hello","mode":"start","token":"t","upload":{"name":"m.mp4","size":31457280},"options":{"duck":0.3},"extra":1}"#).get()
        guard case .hello(let hello) = message, case .start(let upload, let options) = hello.mode else { Issue.record("\(message)"); return }
        #expect(hello.token == "t")
        #expect(upload == UploadDeclaration(name: "m.mp4", size: 31_457_280, sha256: nil))
        #expect(options == SessionOptions(duck: 0.3))
        let withSport = try parse(#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"sport":"hockey"}}"#).get()
        #expect(Self.start(withSport)?.options.sport == "hockey")
        let spaced = try parse(#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"sport":"Field Hockey"}}"#).get()
        #expect(Self.start(spaced)?.options.sport == "field_hockey")
        let reel = try parse(#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"output":"highlights","highlights_s":45}}"#).get()
        #expect(Self.start(reel)?.options.highlightsSeconds == 45)
        let unknownSize = try parse(#"{"type":"hello","mode":"start","upload":{"size":null}}"#).get()
        let declared = try #require(Self.start(unknownSize), "a start hello")
        #expect(declared.upload.size == nil)
    }

    /// A start hello's upload and options (nil for any other message: the expectation on it then fails).
    static func start(_ message: ClientMessage) -> (upload: UploadDeclaration, options: SessionOptions)? {
        guard case .hello(let hello) = message, case .start(let upload, let options) = hello.mode else { return nil }
        return (upload, options)
    }

    @Test func aStartWithoutAVoiceGetsTheDefaultVoiceOfItsLanguage() throws {
        let rules = HelloRules(voices: ["joe", "en-us", "es"], languages: ["en", "es"], defaultVoices: ["en": "joe", "es": "es"])
        func options(_ text: String) throws -> SessionOptions? {
            guard case .hello(let hello) = try ClientMessage.parse(Array(text.utf8), rules: rules).get(),
                  case .start(_, let options) = hello.mode else { return nil }
            return options
        }
        #expect(try options(#"{"type":"hello","mode":"start","upload":{"size":1}}"#)?.voice == "joe")
        #expect(try options(#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"duck":0.3}}"#)?.voice == "joe")
        #expect(try options(#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"language":"es"}}"#)?.voice == "es")
        #expect(try options(#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"voice":"en-us"}}"#)?.voice == "en-us")
    }

    @Test func parsesResumeCommandsPingAndUploadEnd() throws {
        #expect(try parse(#"{"type":"hello","mode":"resume","session":"s_1","resume_token":"r","last_seq":41}"#).get()
            == .hello(Hello(mode: .resume(session: "s_1", resumeToken: "r", lastSeq: 41), token: nil)))
        #expect(try parse(#"{"type":"command","id":"c-7","name":"reprioritise_interval","args":{"at":95.0}}"#).get()
            == .command(CommandRequest(id: "c-7", name: "reprioritise_interval", args: ["at": .number(95)])))
        #expect(try parse(#"{"type":"ping"}"#).get() == .ping)
        #expect(try parse(#"{"type":"upload_end"}"#).get() == .uploadEnd)
    }

    @Test(arguments: [
        ("not json", "not a JSON object"),
        ("[1,2]", "not a JSON object"),
        (#"{"mode":"start"}"#, "missing type"),
        (#"{"type":"dance"}"#, "unknown type 'dance'"),
        (#"{"type":"hello"}"#, "hello needs mode"),
        (#"{"type":"hello","mode":"fly"}"#, "unknown mode 'fly'"),
        (#"{"type":"hello","mode":"start"}"#, "start needs upload"),
        (#"{"type":"hello","mode":"start","upload":{}}"#, "upload.size is required (a number or null)"),
        (#"{"type":"hello","mode":"start","upload":{"size":-1}}"#, "upload.size must be a whole number of bytes"),
        (#"{"type":"hello","mode":"start","upload":{"size":true}}"#, "upload.size must be a number or null"),
        (#"{"type":"hello","mode":"start","upload":{"size":"12"}}"#, "upload.size must be a number or null"),
        (#"{"type":"hello","mode":"start","upload":{"size":1,"sha256":"xyz"}}"#, "upload.sha256 must be 64 hex digits"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"voice":"robot"}}"#, "invalid option: voice"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"language":"xx"}}"#, "invalid option: language"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"interval_s":2}}"#, "invalid option: interval_s"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"output":"all"}}"#, "invalid option: output"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"duck":"loud"}}"#, "invalid option: duck"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"sport":"curling"}}"#,
         "invalid option: sport 'curling' (GET /v1/options lists the sports)"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"sport":7}}"#, "invalid option: sport"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"highlights_s":0}}"#, "invalid option: highlights_s"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"highlights_s":"long"}}"#, "invalid option: highlights_s"),
        (#"{"type":"hello","mode":"start","upload":{"size":1},"options":{"style":"poet"}}"#, "invalid option: style"),
        (#"{"type":"hello","mode":"resume","session":"s","resume_token":"r"}"#, "resume needs last_seq, a whole number ≥ 0"),
        (#"{"type":"hello","mode":"resume","session":"s","resume_token":"r","last_seq":true}"#, "resume needs last_seq, a whole number ≥ 0"),
        (#"{"type":"command","name":"cancel"}"#, "command needs id"),
        (#"{"type":"command","id":"c","name":"cancel","args":[1]}"#, "command args must be an object"),
    ])
    func malformedMessagesCloseWith4400AndSayWhy(text: String, reason: String) {
        #expect(violation(text) == ProtocolViolation(.malformed, reason))
    }

    @Test func aTextFrameOver64KiBIs1009() {
        let big = #"{"type":"ping","pad":""# + String(repeating: "x", count: 65_536) + #""}"#
        #expect(violation(big)?.code == .tooLarge)
    }

    @Test func commandsAreInterpretedWithTheirArguments() {
        func interpret(_ name: String, _ args: [String: JSONValue] = [:]) -> Result<SessionCommand, CommandError> {
            SessionCommand.interpret(CommandRequest(id: "c", name: name, args: args))
        }
        #expect(interpret("cancel") == .success(.cancel))
        #expect(interpret("reprioritise_interval", ["interval": .number(3)]) == .success(.reprioritise(interval: 3, at: nil)))
        #expect(interpret("reprioritise_interval", ["at": .number(95.5)]) == .success(.reprioritise(interval: nil, at: 95.5)))
        #expect(interpret("change_voice", ["voice": .string("es")]) == .success(.changeVoice("es")))
        #expect((try? interpret("reprioritise_interval").get()) == nil)
        // A success has no code: each of these fails unless the command is refused with it.
        let code = { (result: Result<SessionCommand, CommandError>) -> String? in if case .failure(let error) = result { error.code } else { nil } }
        #expect(code(interpret("reprioritise_interval", ["interval": .number(-1)])) == "invalid_args")
        #expect(code(interpret("change_voice", ["voice": .number(1)])) == "invalid_args")
        #expect(code(interpret("dance")) == "unknown_command")
    }

    @Test func aRepeatedCommandIdKeepsItsFirstResult() {
        var table = CommandTable()
        let first = CommandResultEvent(id: "c-1", name: "cancel", result: .success(.object([:])))
        table.record(first)
        table.record(CommandResultEvent(id: "c-1", name: "cancel", result: .failure(.invalidArgs("later"))))
        #expect(table.result(for: "c-1") == first)
        #expect(table.result(for: "c-2") == nil)
    }
}

/// `options.live` (PROTOCOL.md "Live sessions"): a stream of unknown length, short intervals all alike.
@Suite struct LiveHelloTests {
    private func parse(_ text: String) -> Result<ClientMessage, ProtocolViolation> {
        ClientMessage.parse(Array(text.utf8), rules: HelloRules(voices: ["en-us"], languages: ["en"]))
    }

    @Test func aLiveStartHasIntervalsOfThreeSecondsByDefaultAndTwoToSixWhenNamed() throws {
        let live = try #require(ClientMessageTests.start(try parse(#"{"type":"hello","mode":"start","upload":{"size":null},"options":{"live":true}}"#).get()))
        #expect(live.options.live && live.options.intervalSeconds == 3 && live.upload.size == nil)
        #expect(live.options.grid() == IntervalGrid(interval: 3), "no short first interval")
        let named = try #require(ClientMessageTests.start(try parse(#"{"type":"hello","mode":"start","upload":{"size":null},"options":{"live":true,"interval_s":2}}"#).get()))
        #expect(named.options.intervalSeconds == 2)
        let plain = try #require(ClientMessageTests.start(try parse(#"{"type":"hello","mode":"start","upload":{"size":null}}"#).get()))
        #expect(!plain.options.live && plain.options.intervalSeconds == 30)
    }

    @Test(arguments: [
        (#"{"type":"hello","mode":"start","upload":{"size":100},"options":{"live":true}}"#,
         "invalid option: live needs upload.size null (a stream of unknown length)"),
        (#"{"type":"hello","mode":"start","upload":{"size":null},"options":{"live":true,"output":"highlights"}}"#, "invalid option: live needs output full"),
        (#"{"type":"hello","mode":"start","upload":{"size":null},"options":{"live":true,"interval_s":10}}"#, "invalid option: interval_s"),
        (#"{"type":"hello","mode":"start","upload":{"size":null},"options":{"live":"yes"}}"#, "invalid option: live (true or false)"),
    ])
    func aLiveStartThatCannotBeLiveIsRefusedSayingWhy(text: String, reason: String) {
        guard case .failure(let violation) = parse(text) else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(violation == ProtocolViolation(.malformed, reason))
    }

    @Test func liveOptionsSurviveTheSessionsMetaAndAPlainSessionsMetaReadsAsBefore() throws {
        let live = SessionOptions(intervalSeconds: 3, live: true)
        let decoded = try JSONDecoder().decode(SessionOptions.self, from: JSONEncoder().encode(live))
        #expect(decoded == live)
        let plain = try JSONEncoder().encode(SessionOptions())
        #expect(!String(decoding: plain, as: UTF8.self).contains("live"))
    }
}
