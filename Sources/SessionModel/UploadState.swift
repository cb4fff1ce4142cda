/// The upload's bookkeeping (PROTOCOL.md "Upload"): which bytes are stored, what the next
/// binary frame must be, when to acknowledge, when the upload is complete. No I/O: the
/// server stores the bytes a `.store` verdict names, then reports them durable.
public struct UploadState: Sendable, Equatable {
    public static let ackEvery: Int64 = 1 << 20

    public let declaredSize: Int64?
    public let limit: Int64
    public let chunkMax: Int
    public let window: Int64
    /// Bytes accepted (and handed to storage).
    public private(set) var received: Int64
    /// Bytes storage reported durable.
    public private(set) var durable: Int64
    /// The last offset acknowledged to the client.
    public private(set) var acknowledged: Int64
    public private(set) var endedByClient = false

    public init(declaredSize: Int64?, limit: Int64, chunkMax: Int = 262_144, window: Int64 = 8 << 20, stored: Int64 = 0) {
        self.declaredSize = declaredSize
        self.limit = limit
        self.chunkMax = chunkMax
        self.window = window
        received = stored
        durable = stored
        acknowledged = stored
    }

    public enum Verdict: Sendable, Equatable {
        /// Store `count` bytes of the payload at `offset`.
        case store(offset: Int64, count: Int)
        /// Discard the frame, answer `upload_nack{expected}`.
        case nack(expected: Int64)
        /// Close the socket.
        case close(ProtocolViolation)
    }

    public var isComplete: Bool {
        if let declaredSize { return durable >= declaredSize }
        return endedByClient && durable == received
    }

    /// Whether the server should stop reading the socket: the client has more than `window`
    /// bytes beyond what is durable.
    public var shouldPause: Bool { received - durable > window }

    /// A binary frame: 8-byte big-endian offset, then the payload.
    public mutating func receive(frame: [UInt8]) -> Verdict {
        guard frame.count >= 8 else { return .close(ProtocolViolation(.malformed, "binary frame shorter than its 8-byte offset")) }
        let offset = frame.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return receive(offset: offset, count: frame.count - 8)
    }

    public mutating func receive(offset: UInt64, count: Int) -> Verdict {
        guard count > 0 else { return .close(ProtocolViolation(.malformed, "empty upload frame")) }
        guard count <= chunkMax else { return .close(ProtocolViolation(.tooLarge, "upload frame over chunk_max (\(chunkMax) bytes)")) }
        guard !isComplete, !endedByClient else { return .close(ProtocolViolation(.uploadTooLarge, "the upload is already complete")) }
        guard offset == UInt64(received) else { return .nack(expected: received) }
        let end = received + Int64(count)
        if let declaredSize, end > declaredSize {
            return .close(ProtocolViolation(.uploadTooLarge, "frame reaches beyond the declared size (\(declaredSize) bytes)"))
        }
        guard end <= limit else { return .close(ProtocolViolation(.uploadTooLarge, "upload larger than the server's limit (\(limit) bytes)")) }
        received = end
        return .store(offset: Int64(offset), count: count)
    }

    /// `upload_end`: ends an upload of unknown size; before all bytes of a known size it is a violation.
    public mutating func end() -> ProtocolViolation? {
        if let declaredSize {
            return received < declaredSize ? ProtocolViolation(.malformed, "upload_end before all \(declaredSize) bytes") : nil
        }
        endedByClient = true
        return nil
    }

    /// Storage has made the first `offset` bytes durable. Returns the offset to acknowledge
    /// (`upload_ack`), if one is due: at least every MiB, and when the upload completes.
    public mutating func stored(upTo offset: Int64) -> Int64? {
        durable = max(durable, min(offset, received))
        guard durable > acknowledged else { return nil }
        if durable - acknowledged >= Self.ackEvery || isComplete || (declaredSize == nil && endedByClient) {
            acknowledged = durable
            return durable
        }
        return nil
    }
}
