extension SessionMachine {
    /// A binary frame: stored (`store`, then `stored`), nacked, or the socket closed.
    public mutating func receive(frame: [UInt8], from connection: Connection) -> [Action] {
        guard attached == connection, phase != .halted else { return [] }
        switch upload.receive(frame: frame) {
        case .store(let offset, let payload, let want):
            return [.store(offset: offset, payload: payload, want: want)]
        case .nack(let expected):
            return [.send(connection, .transfer(.nack(expected: expected)))]
        case .close(let violation):
            return [.close(connection, violation.code, violation.reason)]
        }
    }

    /// The bytes a `store` named are written: a container check on the first bytes, the
    /// index asked for first when an MP4's comes last, the ack when one is due.
    public mutating func stored(_ payload: ArraySlice<UInt8>, at offset: Int64, want: Int64?, from connection: Connection,
                                at now: ContinuousClock.Instant) -> [Action] {
        guard attached == connection, phase != .halted else { return [] }
        if let refused = sniff(payload, at: offset) { return refused }
        var actions = ingestGap(at: now)
        var next = want
        // A seekable client keeps one frame in flight until it hears whether the index comes
        // first: each frame is acknowledged until the box headers tell.
        let deciding = upload.seekable && indexLocator.verdict == .undecided
        if deciding, case .indexAfter(let index) = indexLocator.feed(payload, at: offset), let asked = upload.want(index) {
            next = asked
        }
        // The want goes first: a client that hears the ack first sends on where it was.
        if let next { actions.append(.send(connection, .transfer(.want(offset: next)))) }
        return actions + acknowledge(connection, range: offset..<(offset + Int64(payload.count)), now: deciding, at: now)
    }

    /// A live session's first frame after its socket came back says how long the stream was
    /// away (PROTOCOL.md "Live sessions": `ingest_gap`).
    private mutating func ingestGap(at now: ContinuousClock.Instant) -> [Action] {
        guard options.live else { return [] }
        defer { (lastFrameAt, ingestCut) = (now, false) }
        guard ingestCut, let last = lastFrameAt else { return [] }
        let gap = last.duration(to: now)
        let tenths = (gap / .seconds(1) * 10).rounded()
        let seconds = tenths / 10
        return record(.warning(WarningEvent(
            code: "ingest_gap", message: "the live stream's connection was lost: no bytes for \(Int(tenths) / 10).\(Int(tenths) % 10) s; it continues where it stopped",
            gapSeconds: seconds)))
    }

    /// The bytes could not be written: the session ends (nothing is acknowledged that is not stored).
    public mutating func storeFailed(_ reason: String) -> [Action] {
        record(.error(ErrorEvent(code: "internal", message: "the upload cannot be stored: \(reason)", fatal: true)))
    }

    /// The upload's hash, computed as the `verifyChecksum` action asked.
    public mutating func checksumVerified(_ actual: String) -> [Action] {
        guard let expected = settings.uploadSHA256, actual != expected else { return [] }
        return record(.error(ErrorEvent(code: "checksum_mismatch", message: "the upload's SHA-256 is \(actual), not \(expected)", fatal: true)))
    }

    /// Whether bytes are stored that no ack has covered yet.
    public var awaitsAck: Bool { upload.durable != upload.acknowledged }

    /// The client paused (no frame for `ackPause`): what is stored is acknowledged now, or a
    /// client that waits for an ack before it sends on would wait for ever.
    public mutating func acknowledgePending(at instant: ContinuousClock.Instant) -> [Action] {
        guard let attached, phase != .halted, awaitsAck else { return [] }
        return acknowledge(attached, now: true, at: instant)
    }

    /// An ack when one is due: at least every MiB, for a frame half a second after the last ack,
    /// when `now` says so, at the end.
    mutating func acknowledge(_ connection: Connection, range: Range<Int64> = 0..<0, now: Bool, at instant: ContinuousClock.Instant) -> [Action] {
        var actions: [Action] = []
        // The first frame is acknowledged at once; after it, a frame half a second after the last ack.
        let slow = lastAcknowledged.map { $0.duration(to: instant) >= Self.ackPause } ?? true
        if upload.stored(range, now: now || slow) {
            lastAcknowledged = instant
            actions += [.saveUploadRecord(ranges: upload.acknowledged, position: upload.position),
                        .send(connection, .transfer(.ack(offset: upload.offset, ranges: upload.acknowledged)))]
        }
        if upload.isComplete { actions += uploadFinished() }
        return actions
    }

    private mutating func uploadFinished() -> [Action] {
        guard !uploadChecked, !log.isFinished else { return [] }
        uploadChecked = true
        var actions: [Action] = [.uploadComplete,
                                 .log(SessionLogLine(level: .info, message: "session upload complete", metadata: ["upload.bytes": "\(upload.offset)"]))]
        if settings.uploadSHA256 != nil { actions.append(.verifyChecksum) }
        return actions
    }

    /// Collects the upload's first bytes until they tell its container; a file that starts like
    /// none the server reads ends the session at once, its message naming the user's file.
    private mutating func sniff(_ payload: ArraySlice<UInt8>, at offset: Int64) -> [Action]? {
        guard var bytes = head else { return nil }
        if offset == Int64(bytes.count) { bytes += payload.prefix(ContainerSniff.needed - bytes.count) }
        let whole = settings.uploadSize.map { Int64(bytes.count) >= $0 } ?? false
        guard bytes.count >= ContainerSniff.needed || whole else {
            head = bytes
            return nil
        }
        head = nil
        guard ContainerSniff.of(bytes[...]) == .unknown else { return nil }
        let name = settings.uploadName ?? "the upload"
        return record(.error(ErrorEvent(code: "unsupported_media",
                                        message: "\(name) is not a video file the server reads: it is no MP4/MOV, Matroska/WebM or MPEG-TS file",
                                        fatal: true)))
    }
}
