/// The upload's bookkeeping (PROTOCOL.md "Upload"): which byte ranges are stored, where the
/// next binary frame must start, which range to ask a seekable client for next, when to
/// acknowledge, when the upload is complete. No I/O: the server stores the bytes a `.store`
/// verdict names, then reports them durable.
///
/// Frames are accepted only at `position`: in protocol v1 the end of the contiguous prefix;
/// for a client that said it can seek, the position the server last asked for (`want`). A
/// run of frames stops where stored bytes begin (or at the declared size); the server then
/// asks for the lowest missing byte.
public struct UploadState: Sendable, Equatable {
    public static let ackEvery: Int64 = 1 << 20

    public let declaredSize: Int64?
    public let limit: Int64
    public let chunkMax: Int
    public let window: Int64
    /// The client can send any byte range of its file (`hello.upload.seekable`, with a known size).
    public let seekable: Bool
    /// Bytes accepted (and handed to storage).
    public private(set) var received: ByteRanges
    /// Bytes storage reported durable.
    public private(set) var durable: ByteRanges
    /// The ranges last acknowledged to the client.
    public private(set) var acknowledged: ByteRanges
    /// Where the next frame must start.
    public private(set) var position: Int64
    public private(set) var endedByClient = false
    /// A jump was asked for since the last acknowledgement (the client's window frees then).
    private var jumped = false
    /// The ack that says the upload is complete went out.
    private var completionAcknowledged = false

    /// `stored`: what a resumed session holds; `position`: where it last asked the client to
    /// send (nil: right after the first missing byte's run, as for an in-order upload).
    public init(declaredSize: Int64?, limit: Int64, chunkMax: Int = 262_144, window: Int64 = 8 << 20,
                seekable: Bool = false, stored: ByteRanges = ByteRanges(), position: Int64? = nil) {
        self.declaredSize = declaredSize
        self.limit = limit
        self.chunkMax = chunkMax
        self.window = window
        self.seekable = seekable && declaredSize != nil
        received = stored
        durable = stored
        acknowledged = stored
        self.position = stored.prefix
        if let position, position >= 0, self.seekable || position == stored.prefix {
            self.position = position
        }
        settle()
    }

    /// A v1 upload that holds its first `stored` bytes.
    public init(declaredSize: Int64?, limit: Int64, chunkMax: Int = 262_144, window: Int64 = 8 << 20, stored: Int64) {
        self.init(declaredSize: declaredSize, limit: limit, chunkMax: chunkMax, window: window,
                  stored: ByteRanges(stored > 0 ? [0..<stored] : []))
    }

    public enum Verdict: Sendable, Equatable {
        /// Store the frame's bytes `payload` (a range of the frame: all of its payload, or the
        /// part before stored bytes begin) at `offset`. `want`: then ask the client for the
        /// range at that offset (`upload_want`): the run it was sending has reached stored bytes.
        case store(offset: Int64, payload: Range<Int>, want: Int64?)
        /// Discard the frame, answer `upload_nack{expected}`.
        case nack(expected: Int64)
        /// Close the socket.
        case close(ProtocolViolation)
    }

    /// The contiguous prefix stored (welcome's and upload_ack's `offset`, as in v1).
    public var offset: Int64 { durable.prefix }

    public var isComplete: Bool {
        if let declaredSize { return durable.covers(0..<declaredSize) }
        return endedByClient && durable == received
    }

    /// A binary frame (`UploadFrame`); a verdict's `payload` is a range of the frame.
    public mutating func receive(frame: [UInt8]) -> Verdict {
        guard let (offset, payload) = UploadFrame.parse(frame) else {
            return .close(ProtocolViolation(.malformed, "binary frame shorter than its \(UploadFrame.headerSize)-byte offset"))
        }
        let verdict = receive(offset: offset, count: payload.count)
        guard case .store(let at, let stored, let want) = verdict else { return verdict }
        return .store(offset: at, payload: (stored.lowerBound + payload.lowerBound)..<(stored.upperBound + payload.lowerBound), want: want)
    }

    /// A frame of `count` payload bytes at `offset`; a verdict's `payload` counts from the payload's start.
    public mutating func receive(offset: UInt64, count: Int) -> Verdict {
        guard count > 0 else { return .close(ProtocolViolation(.malformed, "empty upload frame")) }
        guard count <= chunkMax else { return .close(ProtocolViolation(.tooLarge, "upload frame over chunk_max (\(chunkMax) bytes)")) }
        guard !isComplete, !endedByClient else { return .close(ProtocolViolation(.uploadTooLarge, "the upload is already complete")) }
        guard offset == UInt64(position) else { return .nack(expected: position) }
        let end = position + Int64(count)
        if let declaredSize, end > declaredSize {
            return .close(ProtocolViolation(.uploadTooLarge, "frame reaches beyond the declared size (\(declaredSize) bytes)"))
        }
        guard end <= limit else { return .close(ProtocolViolation(.uploadTooLarge, "upload larger than the server's limit (\(limit) bytes)")) }
        // Bytes already stored are not written twice: the run stops where they begin.
        let stop = min(end, received.nextStart(after: position) ?? end)
        let start = position
        received.insert(start..<stop)
        position = stop
        let before = position
        settle()
        let jump = position != before && position < (declaredSize ?? .max)
        return .store(offset: start, payload: 0..<Int(stop - start), want: jump ? position : nil)
    }

    /// Asks a seekable client to send from `offset` next (an MP4's index after its media
    /// data). Returns the offset to send in `upload_want`, or nil when there is nothing to ask:
    /// the client cannot seek, or the offset is already stored, reached or past the end.
    public mutating func want(_ offset: Int64) -> Int64? {
        guard seekable, let declaredSize, offset > position, offset < declaredSize, !received.contains(offset),
              !isComplete else { return nil }
        position = offset
        jumped = true
        return offset
    }

    /// `upload_end`: ends an upload of unknown size; before all bytes of a known size it is a violation.
    public mutating func end() -> ProtocolViolation? {
        if let declaredSize {
            return received.covers(0..<declaredSize) ? nil : ProtocolViolation(.malformed, "upload_end before all \(declaredSize) bytes")
        }
        endedByClient = true
        return nil
    }

    /// Storage has made `range` durable. Returns true when an `upload_ack` is due: at least
    /// every MiB, when the client was asked to jump, when the upload completes, and whenever
    /// `now` says so (a seekable client's first frames, while the server reads whether to ask
    /// for the index first).
    public mutating func stored(_ range: Range<Int64>, now: Bool = false) -> Bool {
        for part in received.ranges {
            let low = max(part.lowerBound, range.lowerBound), high = min(part.upperBound, range.upperBound)
            if low < high { durable.insert(low..<high) }
        }
        // The upload's completion is always acknowledged, even when its bytes already were.
        let completing = isComplete && !completionAcknowledged
        guard durable != acknowledged || completing else { return false }
        if now || durable.count - acknowledged.count >= Self.ackEvery || jumped || completing || (declaredSize == nil && endedByClient) {
            acknowledged = durable
            jumped = false
            completionAcknowledged = isComplete
            return true
        }
        return false
    }

    /// v1 form: the first `offset` bytes are durable; the offset to acknowledge, if one is due.
    public mutating func stored(upTo offset: Int64) -> Int64? {
        stored(0..<offset) ? acknowledged.prefix : nil
    }

    /// After a run of frames: past the stored bytes it ran into, and when it ran into stored
    /// bytes or reached the end, on at the lowest missing byte. An in-order upload never jumps.
    private mutating func settle() {
        let runEnd = position
        if let run = received.range(containing: position) { position = run.upperBound }
        let atEnd = declaredSize.map { position >= $0 } ?? false
        guard position != runEnd || atEnd else { return }
        if let missing = received.firstMissing(from: 0, before: declaredSize) { position = missing }
        if position != runEnd { jumped = true }
    }
}
