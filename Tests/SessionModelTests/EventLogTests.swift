import Foundation
import Testing
import SessionModel

@Suite(.timeLimit(.minutes(10))) struct EventLogTests {
    private let status = ServerEvent.status(StatusEvent(stage: .analyzing, message: "m", progress: 1))

    @Test func numbersFromOneAndStopsAtTheTerminalEvent() {
        var log = EventLog()
        #expect(log.append(status)?.seq == 1)
        #expect(log.append(status)?.seq == 2)
        #expect(log.append(.cancelled(CancelledEvent(chunks: 0)))?.seq == 3)
        #expect(log.isFinished)
        #expect(log.append(status) == nil)
        #expect(log.lastSeq == 3)
    }

    @Test func replaysExactlyWhatAClientMissed() throws {
        var log = EventLog()
        for _ in 0..<5 { log.append(status) }
        #expect(try log.replay(after: 2).get().map(\.seq) == [3, 4, 5])
        #expect(try log.replay(after: 5).get().isEmpty)
        #expect(try log.replay(after: 0).get().count == 5)
        guard case .failure(let violation) = log.replay(after: 6) else { Issue.record("beyond the newest must fail"); return }
        #expect(violation.code == .malformed)
    }

    @Test func aSequencedEventIsTheEventWithSeq() throws {
        let entry = SequencedEvent(seq: 7, event: .warning(WarningEvent(code: "tts_failed", message: "m", interval: 2)))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(entry)) as! [String: Any]
        #expect(json["seq"] as? Int == 7 && json["type"] as? String == "warning" && json["interval"] as? Int == 2)
        #expect(try JSONDecoder().decode(SequencedEvent.self, from: JSONEncoder().encode(entry)) == entry)
    }
}
