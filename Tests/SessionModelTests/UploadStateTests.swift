import SessionModel
import Testing

@Suite(.timeLimit(.minutes(10))) struct UploadStateTests {
    private func frame(_ offset: UInt64, _ count: Int) -> [UInt8] {
        UploadFrame.make(offset: offset, payload: [UInt8](repeating: 7, count: count))
    }

    @Test func acceptsFramesInOrderAndAcknowledgesEveryMiBAndAtTheEnd() {
        var upload = UploadState(declaredSize: 3 << 20, limit: 1 << 30, chunkMax: 262_144)
        var acks: [Int64] = []
        var offset: UInt64 = 0
        while offset < 3 << 20 {
            #expect(upload.receive(frame: frame(offset, 262_144)) == .store(offset: Int64(offset), payload: 8..<262_152, want: nil))
            offset += 262_144
            if let ack = upload.stored(upTo: Int64(offset)) { acks.append(ack) }
        }
        #expect(acks == [1 << 20, 2 << 20, 3 << 20])
        #expect(upload.isComplete)
    }

    @Test func aFrameAtTheWrongOffsetIsNackedAndDiscarded() {
        var upload = UploadState(declaredSize: 100, limit: 1000)
        #expect(upload.receive(offset: 0, count: 10) == .store(offset: 0, payload: 0..<10, want: nil))
        #expect(upload.receive(offset: 20, count: 10) == .nack(expected: 10))
        #expect(upload.receive(offset: 0, count: 10) == .nack(expected: 10))
        #expect(upload.received.count == 10)
    }

    @Test func framesThatBreakTheRulesClose() {
        var upload = UploadState(declaredSize: 100, limit: 1000, chunkMax: 64)
        #expect(upload.receive(frame: [0, 0, 0]) == .close(ProtocolViolation(.malformed, "binary frame shorter than its 8-byte offset")))
        guard case .close(let empty) = upload.receive(offset: 0, count: 0), empty.code == .malformed else { Issue.record("empty"); return }
        guard case .close(let long) = upload.receive(offset: 0, count: 65), long.code == .tooLarge else { Issue.record("long"); return }
        #expect(upload.receive(offset: 0, count: 60) == .store(offset: 0, payload: 0..<60, want: nil))
        // Offset first (a wrong offset is a nack even when it would overrun), then the end.
        #expect(upload.receive(offset: 90, count: 50) == .nack(expected: 60))
        guard case .close(let beyond) = upload.receive(offset: 60, count: 41), beyond.code == .uploadTooLarge else { Issue.record("beyond"); return }
        #expect(upload.received.count == 60)
        var limited = UploadState(declaredSize: nil, limit: 100)
        #expect(limited.receive(offset: 0, count: 100) == .store(offset: 0, payload: 0..<100, want: nil))
        guard case .close(let limit) = limited.receive(offset: 100, count: 1), limit.code == .uploadTooLarge else { Issue.record("limit"); return }
    }

    @Test func anUploadOfUnknownSizeEndsWithUploadEnd() {
        var upload = UploadState(declaredSize: nil, limit: 1000)
        #expect(upload.receive(offset: 0, count: 10) == .store(offset: 0, payload: 0..<10, want: nil))
        #expect(upload.stored(upTo: 10) == nil)
        #expect(!upload.isComplete)
        #expect(upload.end() == nil)
        #expect(upload.stored(upTo: 10) == 10)
        #expect(upload.isComplete)
        var known = UploadState(declaredSize: 100, limit: 1000)
        #expect(known.end()?.code == .malformed)
    }

    @Test func aResumedUploadContinuesFromWhatWasStored() {
        var upload = UploadState(declaredSize: 100, limit: 1000, stored: 40)
        #expect(upload.receive(offset: 0, count: 10) == .nack(expected: 40))
        #expect(upload.receive(offset: 40, count: 60) == .store(offset: 40, payload: 0..<60, want: nil))
    }

    // MARK: index-first uploads (ranges)

    /// 100 bytes: media data [0, 70), the index [70, 100) after it.
    private func indexLast(seekable: Bool = true) -> UploadState {
        UploadState(declaredSize: 100, limit: 1000, chunkMax: 64, seekable: seekable)
    }

    @Test func aSeekableClientIsAskedForTheIndexThenForTheLowestMissingByte() {
        var upload = indexLast()
        #expect(upload.receive(offset: 0, count: 10) == .store(offset: 0, payload: 0..<10, want: nil))
        #expect(upload.want(70) == 70)
        // Frames of the old run still in flight are refused with where to send.
        #expect(upload.receive(offset: 10, count: 10) == .nack(expected: 70))
        #expect(upload.receive(offset: 70, count: 20) == .store(offset: 70, payload: 0..<20, want: nil))
        // The index range ends at the declared size: on at the lowest missing byte.
        #expect(upload.receive(offset: 90, count: 10) == .store(offset: 90, payload: 0..<10, want: 10))
        #expect(upload.received.pairs == [[0, 10], [70, 100]])
        #expect(upload.receive(offset: 10, count: 60) == .store(offset: 10, payload: 0..<60, want: nil))
        #expect(upload.ack(0..<100) == true)
        #expect(upload.isComplete && upload.offset == 100)
    }

    @Test func aRunStopsWhereStoredBytesBeginAndNothingIsWrittenTwice() {
        var upload = indexLast()
        _ = upload.receive(offset: 0, count: 10)
        _ = upload.want(70)
        _ = upload.receive(offset: 70, count: 30)
        #expect(upload.position == 10)
        // A frame that crosses into the stored index is stored up to it; the run is then over.
        #expect(upload.receive(offset: 10, count: 64) == .store(offset: 10, payload: 0..<60, want: nil))
        #expect(upload.ack(0..<100) == true)
        #expect(upload.isComplete)
        #expect(upload.received.pairs == [[0, 100]])
        #expect(upload.receive(offset: 100, count: 1) == .close(ProtocolViolation(.uploadTooLarge, "the upload is already complete")))
    }

    @Test func aClientThatCannotSeekIsNeverAskedToJump() {
        var upload = indexLast(seekable: false)
        _ = upload.receive(offset: 0, count: 10)
        #expect(upload.want(70) == nil)
        #expect(upload.receive(offset: 10, count: 10) == .store(offset: 10, payload: 0..<10, want: nil))
        var unknownSize = UploadState(declaredSize: nil, limit: 1000, seekable: true)
        #expect(!unknownSize.seekable)
        #expect(unknownSize.want(70) == nil)
    }

    @Test func nothingIsAskedThatIsStoredReachedOrPastTheEnd() {
        var upload = indexLast()
        _ = upload.receive(offset: 0, count: 50)
        #expect(upload.want(40) == nil)
        #expect(upload.want(50) == nil)
        #expect(upload.want(100) == nil)
        #expect(upload.want(60) == 60)
        _ = upload.receive(offset: 60, count: 10)
        #expect(upload.want(65) == nil)
    }

    @Test func theOffsetStaysTheContiguousPrefixAndAcksCarryRanges() {
        var upload = UploadState(declaredSize: 4 << 20, limit: 1 << 30, chunkMax: 1 << 20, seekable: true)
        _ = upload.receive(offset: 0, count: 1 << 20)
        #expect(upload.ack(0..<(1 << 20)) == true)
        #expect(upload.want(3 << 20) == 3 << 20)
        _ = upload.receive(offset: 3 << 20, count: 1000)
        // The jump frees the client's window: acknowledged at once, not only every MiB.
        #expect(upload.ack((3 << 20)..<((3 << 20) + 1000)) == true)
        #expect(upload.offset == 1 << 20)
        #expect(upload.acknowledged.pairs == [[0, 1 << 20], [3 << 20, (3 << 20) + 1000]])
        #expect(upload.ack((3 << 20)..<((3 << 20) + 1000)) == false)
    }

    /// A cut in either range: the resumed session asks for the same run where it stopped.
    @Test func aResumeContinuesTheRunThatWasCut() {
        var cutInIndex = UploadState(declaredSize: 100, limit: 1000, seekable: true,
                                     stored: ByteRanges([0..<10, 70..<80]), position: 80)
        #expect(cutInIndex.position == 80)
        #expect(cutInIndex.receive(offset: 10, count: 5) == .nack(expected: 80))
        #expect(cutInIndex.receive(offset: 80, count: 20) == .store(offset: 80, payload: 0..<20, want: 10))
        let cutInMedia = UploadState(declaredSize: 100, limit: 1000, seekable: true,
                                     stored: ByteRanges([0..<30, 70..<100]), position: 30)
        #expect(cutInMedia.position == 30)
        // A position the store no longer backs (inside stored bytes) moves past them.
        let stale = UploadState(declaredSize: 100, limit: 1000, seekable: true, stored: ByteRanges([0..<30, 70..<100]), position: 75)
        #expect(stale.position == 30)
        // v1: the prefix, whatever position was kept.
        let v1 = UploadState(declaredSize: 100, limit: 1000, stored: ByteRanges([0..<30]), position: 80)
        #expect(v1.position == 30)
    }

    @Test func uploadEndNeedsEveryByteInSomeRange() {
        var upload = indexLast()
        _ = upload.receive(offset: 0, count: 10)
        _ = upload.want(70)
        _ = upload.receive(offset: 70, count: 30)
        #expect(upload.end()?.code == .malformed)
    }
}

extension UploadState {
    /// `stored(_:)` for expectations (a mutating call cannot sit inside `#expect`).
    mutating func ack(_ range: Range<Int64>) -> Bool { stored(range) }
}
