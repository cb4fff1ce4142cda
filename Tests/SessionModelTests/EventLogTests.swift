import Foundation
import Testing
import SessionModel

@Suite struct EventLogTests {
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

@Suite struct UploadStateTests {
    private func frame(_ offset: UInt64, _ count: Int) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: offset >> (56 - 8 * UInt64($0))) } + [UInt8](repeating: 7, count: count)
    }

    @Test func acceptsFramesInOrderAndAcknowledgesEveryMiBAndAtTheEnd() {
        var upload = UploadState(declaredSize: 3 << 20, limit: 1 << 30, chunkMax: 262_144)
        var acks: [Int64] = []
        var offset: UInt64 = 0
        while offset < 3 << 20 {
            #expect(upload.receive(frame: frame(offset, 262_144)) == .store(offset: Int64(offset), count: 262_144))
            offset += 262_144
            if let ack = upload.stored(upTo: Int64(offset)) { acks.append(ack) }
        }
        #expect(acks == [1 << 20, 2 << 20, 3 << 20])
        #expect(upload.isComplete)
    }

    @Test func aFrameAtTheWrongOffsetIsNackedAndDiscarded() {
        var upload = UploadState(declaredSize: 100, limit: 1000)
        #expect(upload.receive(offset: 0, count: 10) == .store(offset: 0, count: 10))
        #expect(upload.receive(offset: 20, count: 10) == .nack(expected: 10))
        #expect(upload.receive(offset: 0, count: 10) == .nack(expected: 10))
        #expect(upload.received == 10)
    }

    @Test func framesThatBreakTheRulesClose() {
        var upload = UploadState(declaredSize: 100, limit: 1000, chunkMax: 64)
        #expect(upload.receive(frame: [0, 0, 0]) == .close(ProtocolViolation(.malformed, "binary frame shorter than its 8-byte offset")))
        guard case .close(let empty) = upload.receive(offset: 0, count: 0), empty.code == .malformed else { Issue.record("empty"); return }
        guard case .close(let long) = upload.receive(offset: 0, count: 65), long.code == .tooLarge else { Issue.record("long"); return }
        #expect(upload.receive(offset: 0, count: 60) == .store(offset: 0, count: 60))
        // Offset first (a wrong offset is a nack even when it would overrun), then the end.
        #expect(upload.receive(offset: 90, count: 50) == .nack(expected: 60))
        guard case .close(let beyond) = upload.receive(offset: 60, count: 41), beyond.code == .uploadTooLarge else { Issue.record("beyond"); return }
        #expect(upload.received == 60)
        var limited = UploadState(declaredSize: nil, limit: 100)
        #expect(limited.receive(offset: 0, count: 100) == .store(offset: 0, count: 100))
        guard case .close(let limit) = limited.receive(offset: 100, count: 1), limit.code == .uploadTooLarge else { Issue.record("limit"); return }
    }

    @Test func anUploadOfUnknownSizeEndsWithUploadEnd() {
        var upload = UploadState(declaredSize: nil, limit: 1000)
        #expect(upload.receive(offset: 0, count: 10) == .store(offset: 0, count: 10))
        #expect(upload.stored(upTo: 10) == nil)
        #expect(!upload.isComplete)
        #expect(upload.end() == nil)
        #expect(upload.stored(upTo: 10) == 10)
        #expect(upload.isComplete)
        var known = UploadState(declaredSize: 100, limit: 1000)
        #expect(known.end()?.code == .malformed)
    }

    @Test func pausesReadingWhenTheClientIsAWindowAhead() {
        var upload = UploadState(declaredSize: nil, limit: 1 << 30, chunkMax: 1 << 20, window: 2 << 20)
        for i in 0..<3 { _ = upload.receive(offset: UInt64(i) << 20, count: 1 << 20) }
        #expect(upload.shouldPause)
        _ = upload.stored(upTo: 2 << 20)
        #expect(!upload.shouldPause)
    }

    @Test func aResumedUploadContinuesFromWhatWasStored() {
        var upload = UploadState(declaredSize: 100, limit: 1000, stored: 40)
        #expect(upload.receive(offset: 0, count: 10) == .nack(expected: 40))
        #expect(upload.receive(offset: 40, count: 60) == .store(offset: 40, count: 60))
    }
}
