import Testing
@testable import SessionModel

/// Every rule of a session's life, without a server: the actions each step asks for.
@Suite(.timeLimit(.minutes(10))) struct SessionMachineTests {
    typealias Action = SessionMachine.Action

    static let voices = [Voice(id: "en-us", language: "en", provider: "espeak"), Voice(id: "en-gb", language: "en", provider: "espeak")]
    static let mp4Head: [UInt8] = [0, 0, 0, 24] + Array("ftypisom".utf8) + [UInt8](repeating: 0, count: 600)

    static func machine(size: Int64? = 4 << 20, name: String? = "match.mp4", sha256: String? = nil, events: [SequencedEvent] = [],
                        options: SessionOptions = SessionOptions()) -> SessionMachine {
        let settings = SessionMachine.Settings(session: "s_1", expiresIn: 60, chunkMax: 1 << 20, window: 8 << 20, maxUploadBytes: 1 << 30,
                                               voices: voices, uploadName: name, uploadSize: size, uploadSHA256: sha256, seekable: false)
        return SessionMachine(settings: settings, options: options, events: events)
    }

    /// Attached on connection 1, its welcome and first status out of the way.
    static func attached(_ machine: inout SessionMachine) {
        _ = machine.attach(1, lastSeq: 0, token: "t", tokenHash: "h")
    }

    static func frame(_ offset: Int, _ bytes: [UInt8]) -> [UInt8] { UploadFrame.make(offset: UInt64(offset), payload: bytes) }

    /// Stores a frame as the supervisor would, returning what `stored` asks for.
    static func upload(_ machine: inout SessionMachine, _ offset: Int, _ bytes: [UInt8], at now: ContinuousClock.Instant = .now) -> [Action] {
        let framed = frame(offset, bytes)
        guard case .store(let at, let payload, let want)? = machine.receive(frame: framed, from: 1).first else { return [] }
        return machine.stored(framed[payload], at: at, want: want, from: 1, at: now)
    }

    static func sentEvents(_ actions: [Action]) -> [ServerEvent] {
        actions.compactMap { if case .send(_, .event(let entry)) = $0 { entry.event } else { nil } }
    }

    static func request(_ id: String, _ name: String, _ args: [String: JSONValue] = [:]) -> ClientMessage {
        .command(CommandRequest(id: id, name: name, args: args))
    }

    @Test func theFirstAttachWelcomesSavesTheTokenHashAndSaysItIsReceiving() {
        var machine = Self.machine()
        let actions = machine.attach(1, lastSeq: 0, token: "secret", tokenHash: "hash")
        #expect(actions.contains(.saveToken(hash: "hash")))
        guard case .send(1, .welcome(let welcome))? = actions.first(where: { if case .send(_, .welcome) = $0 { true } else { false } }) else {
            Issue.record("no welcome: \(actions)")
            return
        }
        #expect(welcome.resumeToken == "secret" && welcome.lastSeq == 0 && !welcome.finished && welcome.voices == Self.voices)
        #expect(Self.sentEvents(actions).map(\.type) == ["status"])
        #expect(actions.contains { if case .persist(let entry) = $0 { entry.seq == 1 } else { false } })
    }

    @Test func aNewerSocketSupersedesTheOldOneAndGetsWhatItMissed() {
        var machine = Self.machine()
        Self.attached(&machine)
        _ = machine.record(.warning(WarningEvent(code: "w", message: "m")))
        let actions = machine.attach(2, lastSeq: 1, token: "t2", tokenHash: "h2")
        #expect(actions.first == .close(1, .superseded, "superseded by a newer connection"))
        #expect(Self.sentEvents(actions).map(\.type) == ["warning"], "only the event after last_seq 1")
        #expect(machine.attached == 2)
        // The old socket's messages and frames are ignored from now on.
        #expect(machine.handle(.ping, from: 1, at: .now).isEmpty)
        #expect(machine.receive(frame: Self.frame(0, Self.mp4Head), from: 1).isEmpty)
    }

    @Test func aResumeBeyondTheNewestEventIsRefused() {
        var machine = Self.machine()
        Self.attached(&machine)
        guard case .failure(let violation) = machine.resume(2, lastSeq: 5, token: "t", tokenHash: "h") else {
            Issue.record("a resume at last_seq 5 of 1 was accepted")
            return
        }
        #expect(violation.code == .malformed)
        #expect(machine.attached == 1)
    }

    @Test func framesAreStoredThenAcknowledgedEveryMiBAndOnASlowLineEachHalfSecond() {
        var machine = Self.machine()
        Self.attached(&machine)
        let frameSize = 256 << 10
        let first = Self.mp4Head + [UInt8](repeating: 1, count: frameSize - Self.mp4Head.count)
        let rest = [UInt8](repeating: 1, count: frameSize)
        guard case .store(0, let payload, nil)? = machine.receive(frame: Self.frame(0, first), from: 1).first else {
            Issue.record("no store verdict")
            return
        }
        #expect(payload == UploadFrame.headerSize..<(UploadFrame.headerSize + frameSize), "the payload's range in the frame")
        // The first frame is acknowledged at once; then, frames 10 ms apart, one ack per MiB.
        let start = ContinuousClock.now
        var acks: [Int64] = []
        for case .send(_, .transfer(.ack(let at, _))) in machine.stored(Self.frame(0, first)[payload], at: 0, want: nil, from: 1, at: start) {
            acks.append(at)
        }
        for (i, offset) in stride(from: frameSize, to: 2 << 20, by: frameSize).enumerated() {
            for case .send(_, .transfer(.ack(let at, _))) in Self.upload(&machine, offset, rest, at: start + .milliseconds(10 * (i + 1))) {
                acks.append(at)
            }
        }
        #expect(acks == [Int64(frameSize), Int64(frameSize) + (1 << 20)])
        // A slow frame, more than half a second after the last ack: acknowledged at once, and recorded.
        let end = Int64((2 << 20) + frameSize)
        let slow = Self.upload(&machine, 2 << 20, rest, at: start + .seconds(2))
        #expect(slow.contains(.send(1, .transfer(.ack(offset: end, ranges: ByteRanges([0..<end]))))))
        #expect(slow.contains(.saveUploadRecord(ranges: ByteRanges([0..<end]), position: end)))
    }

    @Test func whatIsStoredWhenTheClientPausesIsAcknowledged() {
        var machine = Self.machine()
        Self.attached(&machine)
        let frameSize = 64 << 10
        let first = Self.mp4Head + [UInt8](repeating: 1, count: frameSize - Self.mp4Head.count)
        let start = ContinuousClock.now
        _ = Self.upload(&machine, 0, first, at: start)
        // A burst under a MiB within half a second: no ack is due by the rules for frames.
        let burst = Self.upload(&machine, frameSize, [UInt8](repeating: 1, count: frameSize), at: start + .milliseconds(10))
        #expect(!burst.contains { if case .send(_, .transfer(.ack)) = $0 { true } else { false } })
        #expect(machine.awaitsAck)
        let paused = machine.acknowledgePending(at: start + .seconds(1))
        let end = Int64(2 * frameSize)
        #expect(paused.contains(.send(1, .transfer(.ack(offset: end, ranges: ByteRanges([0..<end]))))))
        #expect(!machine.awaitsAck && machine.acknowledgePending(at: start + .seconds(2)).isEmpty, "once acknowledged, nothing more")
    }

    @Test func aFrameOutOfPlaceIsNackedAndABadOneCloses() {
        var machine = Self.machine()
        Self.attached(&machine)
        #expect(machine.receive(frame: Self.frame(100, [1]), from: 1) == [.send(1, .transfer(.nack(expected: 0)))])
        #expect(machine.receive(frame: [0, 0, 0], from: 1) == [.close(1, .malformed, "binary frame shorter than its 8-byte offset")])
    }

    @Test func aFileThatIsNotAVideoEndsTheSessionOnItsFirstBytesNamingTheUsersFile() {
        var machine = Self.machine(name: "holiday notes.mp4")
        Self.attached(&machine)
        let actions = Self.upload(&machine, 0, Array(String(repeating: "Day 1: the beach. ", count: 40).utf8))
        guard case .error(let error)? = Self.sentEvents(actions).first else { Issue.record("no error: \(actions)"); return }
        #expect(error.fatal && error.code == "unsupported_media")
        #expect(error.message.hasPrefix("holiday notes.mp4 is not a video file"))
        #expect(actions.contains(.close(1, .terminal, "session finished")) && actions.last == .ended)
        #expect(!actions.contains { if case .send(_, .transfer(.ack)) = $0 { true } else { false } }, "nothing acknowledged")
        #expect(machine.phase == .finished)
    }

    @Test func theLastBytesCompleteTheUploadAndADeclaredChecksumIsVerified() {
        var machine = Self.machine(size: Int64(Self.mp4Head.count), sha256: "abc")
        Self.attached(&machine)
        let actions = Self.upload(&machine, 0, Self.mp4Head)
        #expect(actions.contains(.uploadComplete) && actions.contains(.verifyChecksum))
        #expect(machine.checksumVerified("abc").isEmpty)
        let mismatch = machine.checksumVerified("def")
        guard case .error(let error)? = Self.sentEvents(mismatch).first else { Issue.record("no mismatch error"); return }
        #expect(error.code == "checksum_mismatch" && error.fatal)
    }

    @Test func anUploadOfUnknownSizeEndsWithUploadEnd() {
        var machine = Self.machine(size: nil)
        Self.attached(&machine)
        _ = Self.upload(&machine, 0, Self.mp4Head)
        let actions = machine.handle(.uploadEnd, from: 1, at: .now)
        #expect(actions.contains(.uploadComplete))
        #expect(actions.contains { if case .send(_, .transfer(.ack)) = $0 { true } else { false } })
    }

    @Test func aRepeatedCommandIdGetsItsFirstResultAgain() {
        var machine = Self.machine()
        Self.attached(&machine)
        let first = Self.sentEvents(machine.handle(Self.request("r", "reprioritise_interval", ["interval": .number(2)]), from: 1, at: .now))
        let again = Self.sentEvents(machine.handle(Self.request("r", "reprioritise_interval", ["interval": .number(9)]), from: 1, at: .now))
        guard case .commandResult(let a)? = first.first, case .commandResult(let b)? = again.first else { Issue.record("no results"); return }
        #expect(a == b && a.ok)
        #expect(a.result == .object(["interval": .number(2), "state": .string("queued")]), "answered queued before any pipeline")
        let unknown = Self.sentEvents(machine.handle(Self.request("x", "rewind"), from: 1, at: .now))
        guard case .commandResult(let c)? = unknown.first else { Issue.record("no result"); return }
        #expect(!c.ok && c.error?.code == "unknown_command")
    }

    @Test func whileAPipelineRunsItIsAskedAndItsAnswerIsTheResult() {
        var machine = Self.machine()
        Self.attached(&machine)
        let requested = machine.startProcessing()
        #expect(requested == [.requestProcessing])
        let starts = machine.pipelineStarts()
        #expect(starts)
        let asked = machine.handle(Self.request("p", "reprioritise_interval", ["at": .number(95)]), from: 1, at: .now)
        guard case .ask(.reprioritise(let request, let interval))? = asked.first else { Issue.record("not asked: \(asked)"); return }
        #expect(interval == SessionOptions().grid().interval(at: 95))
        let answered = Self.sentEvents(machine.answer(request, .success(.object(["interval": .number(Double(interval)), "state": .string("next")]))))
        guard case .commandResult(let result)? = answered.first else { Issue.record("no result"); return }
        #expect(result.id == "p" && result.ok)
    }

    @Test func aCommandSentAgainWhileThePipelineAnswersItGetsOneResult() {
        var machine = Self.machine()
        Self.attached(&machine)
        _ = machine.startProcessing()
        _ = machine.pipelineStarts()
        let asked = machine.handle(Self.request("p", "reprioritise_interval", ["at": .number(95)]), from: 1, at: .now)
        guard case .ask(.reprioritise(let request, _))? = asked.first else { Issue.record("not asked: \(asked)"); return }
        let again = machine.handle(Self.request("p", "reprioritise_interval", ["at": .number(95)]), from: 1, at: .now)
        #expect(again.isEmpty, "not asked twice: \(again)")
        let answered = Self.sentEvents(machine.answer(request, .success(.object(["state": .string("next")]))))
        #expect(answered.count == 1)
        let late = Self.sentEvents(machine.handle(Self.request("p", "reprioritise_interval", ["at": .number(95)]), from: 1, at: .now))
        guard case .commandResult(let result)? = late.first else { Issue.record("no result again: \(late)"); return }
        #expect(result.id == "p" && result.ok, "after its answer, the first result again")
    }

    @Test func aVoiceChangedWhileThePipelineRunsIsKeptForARestart() throws {
        var machine = Self.machine()
        Self.attached(&machine)
        _ = machine.startProcessing()
        _ = machine.pipelineStarts()
        let asked = machine.handle(Self.request("v", "change_voice", ["voice": .string("en-gb")]), from: 1, at: .now)
        guard case .ask(.setVoice(let request, "en-gb"))? = asked.first else { Issue.record("not asked: \(asked)"); return }
        let answered = machine.answer(request, .success(SessionMachine.voiceResult("en-gb", from: 3)))
        var saved = SessionOptions()
        saved.voice = "en-gb"
        #expect(answered.first == .saveOptions(saved))
        #expect(machine.options.voice == "en-gb")
        // A restarted server builds the session from what was saved: the new voice, not the old.
        let log = machine.log.entries
        var restarted = Self.machine(events: log, options: saved)
        let resumed = restarted.resumeProcessing()
        #expect(resumed == [.requestProcessing])
        #expect(restarted.options.voice == "en-gb")
    }

    @Test func aVoiceThatFailsIsNotKeptAndAnUnofferedOneIsExplained() {
        var machine = Self.machine()
        Self.attached(&machine)
        let unoffered = machine.handle(Self.request("u", "change_voice", ["voice": .string("klingon")]), from: 1, at: .now)
        guard case .ask(.explainVoice(_, "klingon"))? = unoffered.first else { Issue.record("not explained: \(unoffered)"); return }
        _ = machine.startProcessing()
        _ = machine.pipelineStarts()
        guard case .ask(.setVoice(let request, _))? = machine.handle(Self.request("v", "change_voice", ["voice": .string("en-gb")]), from: 1, at: .now).first else {
            Issue.record("not asked")
            return
        }
        let failed = machine.answer(request, .failure(CommandError(code: "voice_unavailable", message: "no model")))
        #expect(!failed.contains { if case .saveOptions = $0 { true } else { false } })
        #expect(machine.options.voice == "en-us")
    }

    @Test func aVoiceChangedBeforeProcessingIsAnsweredFromIntervalZero() {
        var machine = Self.machine()
        Self.attached(&machine)
        let actions = machine.handle(Self.request("v", "change_voice", ["voice": .string("en-gb")]), from: 1, at: .now)
        #expect(actions.contains { if case .saveOptions(let o) = $0 { o.voice == "en-gb" } else { false } })
        guard case .commandResult(let result)? = Self.sentEvents(actions).first else { Issue.record("no result"); return }
        #expect(result.result == SessionMachine.voiceResult("en-gb", from: 0))
    }

    @Test func cancelBeforeAnyPipelineEndsTheSessionAtOnceAndWithOneItAsksIt() {
        var machine = Self.machine()
        Self.attached(&machine)
        let actions = machine.handle(Self.request("c", "cancel"), from: 1, at: .now)
        #expect(Self.sentEvents(actions).map(\.type) == ["command_result", "cancelled"])
        #expect(actions.last == .ended)
        #expect(machine.record(.warning(WarningEvent(code: "w", message: "late"))).isEmpty, "nothing after the terminal event")

        var running = Self.machine()
        Self.attached(&running)
        _ = running.startProcessing()
        _ = running.pipelineStarts()
        let asked = running.handle(Self.request("c", "cancel"), from: 1, at: .now)
        #expect(Self.sentEvents(asked).map(\.type) == ["command_result"])
        #expect(asked.last == .ask(.cancel), "the pipeline says cancelled once it has stopped")
    }

    @Test func aSessionCancelledWhenTheServerStoppedEndsCancelledAfterARestart() {
        var machine = Self.machine()
        Self.attached(&machine)
        _ = machine.startProcessing()
        _ = machine.pipelineStarts()
        _ = machine.record(.chunkReady(ChunkReadyEvent(index: 0, interval: 0, url: "c0", start: 0, end: 4)))
        #expect(machine.handle(Self.request("c", "cancel"), from: 1, at: .now).last == .ask(.cancel))
        machine.halt() // the server stopped before the pipeline's `cancelled`
        var restarted = Self.machine(events: machine.log.entries)
        let actions = restarted.resumeProcessing()
        #expect(!actions.contains(.requestProcessing), "not processed again")
        #expect(restarted.log.entries.last?.event == .cancelled(CancelledEvent(chunks: 1)))
        #expect(restarted.isFinished)
    }

    @Test func anAnswerAfterShutdownKeepsNothing() {
        var machine = Self.machine()
        Self.attached(&machine)
        _ = machine.startProcessing()
        _ = machine.pipelineStarts()
        guard case .ask(.setVoice(let request, _))? = machine.handle(Self.request("v", "change_voice", ["voice": .string("en-gb")]), from: 1, at: .now).first else {
            Issue.record("not asked")
            return
        }
        machine.halt()
        #expect(machine.answer(request, .success(SessionMachine.voiceResult("en-gb", from: 1))).isEmpty)
        #expect(machine.options.voice == "en-us", "a voice the client never heard confirmed is not kept")
        #expect(machine.detach(1).isEmpty, "no expiry for a halted session")
    }

    @Test func anUploadLeftWithoutASocketExpiresAndACompleteOneDoesNot() {
        var machine = Self.machine()
        Self.attached(&machine)
        #expect(machine.detach(2).isEmpty, "not the attached socket")
        let detached = machine.detach(1)
        #expect(detached.last == .startExpiry(seconds: 60))
        #expect(Self.sentEvents(machine.expire()).isEmpty, "no socket to send to")
        #expect(machine.isFinished)
        #expect(machine.log.entries.last?.event == .cancelled(CancelledEvent(chunks: 0)))

        var complete = Self.machine(size: Int64(Self.mp4Head.count))
        Self.attached(&complete)
        _ = Self.upload(&complete, 0, Self.mp4Head)
        #expect(complete.detach(1).isEmpty)
        #expect(complete.expire().isEmpty)
    }

    @Test func aRestartedPipelinesRepeatsAreNotNumberedTwice() {
        let chunk = ChunkReadyEvent(index: 0, interval: 0, url: "c0", start: 0, end: 4)
        let earlier = [SequencedEvent(seq: 1, event: .status(StatusEvent(stage: .writing, message: "w", progress: 40))),
                       SequencedEvent(seq: 2, event: .chunkReady(chunk))]
        var machine = Self.machine(events: earlier)
        _ = machine.resumeProcessing()
        #expect(machine.record(.chunkReady(chunk)).isEmpty)
        #expect(machine.record(.status(StatusEvent(stage: .writing, message: "w", progress: 30))).isEmpty)
        let next = machine.record(.chunkReady(ChunkReadyEvent(index: 1, interval: 1, url: "c1", start: 4, end: 12)))
        #expect(next.first == .persist(SequencedEvent(seq: 3, event: .chunkReady(ChunkReadyEvent(index: 1, interval: 1, url: "c1", start: 4, end: 12)))))
        #expect(!next.contains { if case .log = $0 { true } else { false } }, "the first chunk was logged by the earlier run")
    }

    @Test func aHaltedSessionRecordsAndAnswersNothing() {
        var machine = Self.machine()
        Self.attached(&machine)
        machine.halt()
        #expect(machine.record(.warning(WarningEvent(code: "w", message: "m"))).isEmpty)
        #expect(machine.handle(.ping, from: 1, at: .now).isEmpty)
        #expect(machine.receive(frame: Self.frame(0, Self.mp4Head), from: 1).isEmpty)
    }

    @Test func aSecondHelloCloses() {
        var machine = Self.machine()
        Self.attached(&machine)
        let hello = ClientMessage.hello(Hello(mode: .start(upload: UploadDeclaration(name: "a", size: 1, sha256: nil), options: SessionOptions()), token: nil))
        #expect(machine.handle(hello, from: 1, at: .now) == [.close(1, .malformed, "a second hello")])
        #expect(machine.handle(.ping, from: 1, at: .now) == [.send(1, .transfer(.pong))])
    }

    /// A live stream's bytes: MPEG-TS packets (sync byte every 188 bytes).
    static let tsHead: [UInt8] = (0..<4).flatMap { _ in [0x47] + [UInt8](repeating: 0x1f, count: 187) }

    @Test func aLiveStreamBackOnANewSocketBeforeTheOldOneIsSeenGoneReportsTheGap() {
        var machine = Self.machine(size: nil, name: "camera.ts", options: SessionOptions(intervalSeconds: 3, live: true))
        Self.attached(&machine)
        let start = ContinuousClock.now
        _ = Self.upload(&machine, 0, Self.tsHead, at: start)
        // No detach: the new socket supersedes the old one, whose close comes later.
        let resumed = machine.attach(2, lastSeq: machine.log.lastSeq, token: "t2", tokenHash: "h2")
        #expect(resumed.contains(.close(1, .superseded, "superseded by a newer connection")))
        #expect(machine.detach(1).isEmpty)
        let framed = Self.frame(752, Self.tsHead)
        guard case .store(let at, let payload, let want)? = machine.receive(frame: framed, from: 2).first else {
            Issue.record("the frame after the resume was not stored")
            return
        }
        let actions = machine.stored(framed[payload], at: at, want: want, from: 2, at: start + .seconds(4))
        let gaps = Self.sentEvents(actions).compactMap { if case .warning(let w) = $0, w.code == "ingest_gap" { w.gapSeconds } else { nil } }
        #expect(gaps == [4.0])
    }

    @Test func aLiveSessionsStreamReportsHowLongItWasAwayWhenItsSocketComesBack() {
        var machine = Self.machine(size: nil, name: "camera.ts", options: SessionOptions(intervalSeconds: 3, live: true))
        Self.attached(&machine)
        let start = ContinuousClock.now
        _ = Self.upload(&machine, 0, Self.tsHead, at: start)
        _ = Self.upload(&machine, 752, Self.tsHead, at: start + .seconds(1))
        _ = machine.detach(1)
        _ = machine.attach(2, lastSeq: machine.log.lastSeq, token: "t2", tokenHash: "h2")
        let framed = Self.frame(1504, Self.tsHead)
        guard case .store(let at, let payload, let want)? = machine.receive(frame: framed, from: 2).first else {
            Issue.record("the frame after the resume was not stored")
            return
        }
        let actions = machine.stored(framed[payload], at: at, want: want, from: 2, at: start + .milliseconds(8_460))
        let gaps = Self.sentEvents(actions).compactMap { if case .warning(let w) = $0, w.code == "ingest_gap" { w } else { nil } }
        #expect(gaps.count == 1 && gaps.first?.gapSeconds == 7.5, "\(gaps)")
        #expect(gaps.first?.message.contains("7.5 s") == true)
        // Only once per cut, and never for a session that is not live.
        let next = Self.upload(&machine, 2256, Self.tsHead, at: start + .seconds(9))
        #expect(Self.sentEvents(next).isEmpty)
        var plain = Self.machine(size: nil, name: "match.ts")
        Self.attached(&plain)
        _ = Self.upload(&plain, 0, Self.tsHead, at: start)
        _ = plain.detach(1)
        _ = plain.attach(2, lastSeq: plain.log.lastSeq, token: "t2", tokenHash: "h2")
        let again = Self.frame(752, Self.tsHead)
        guard case .store(let at2, let payload2, let want2)? = plain.receive(frame: again, from: 2).first else { return }
        #expect(Self.sentEvents(plain.stored(again[payload2], at: at2, want: want2, from: 2, at: start + .seconds(5))).isEmpty)
    }
}
