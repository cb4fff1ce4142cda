import Foundation

/// A numbered event: on the wire, the event's fields plus `seq`.
public struct SequencedEvent: Sendable, Equatable, Codable {
    public var seq: Int
    public var event: ServerEvent

    public init(seq: Int, event: ServerEvent) {
        self.seq = seq
        self.event = event
    }

    private enum Key: String, CodingKey { case seq }

    public func encode(to encoder: any Encoder) throws {
        try event.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(seq, forKey: .seq)
    }

    public init(from decoder: any Decoder) throws {
        seq = try decoder.container(keyedBy: Key.self).decode(Int.self, forKey: .seq)
        event = try ServerEvent(from: decoder)
    }
}

/// A session's events in order: `seq` starts at 1 and grows by one; nothing is numbered after
/// the terminal event; a resuming client gets every event after its `last_seq`, exactly once.
public struct EventLog: Sendable, Equatable {
    public private(set) var entries: [SequencedEvent] = []

    public init(entries: [SequencedEvent] = []) { self.entries = entries }

    public var lastSeq: Int { entries.last?.seq ?? 0 }
    public var isFinished: Bool { entries.last?.event.isTerminal ?? false }

    /// Numbers and keeps `event`; nil once the log has its terminal event.
    @discardableResult
    public mutating func append(_ event: ServerEvent) -> SequencedEvent? {
        guard !isFinished else { return nil }
        let entry = SequencedEvent(seq: lastSeq + 1, event: event)
        entries.append(entry)
        return entry
    }

    /// The events a client that has seen up to `lastSeq` is missing; a `lastSeq` beyond the
    /// newest is a protocol violation (4400).
    public func replay(after lastSeq: Int) -> Result<ArraySlice<SequencedEvent>, ProtocolViolation> {
        guard lastSeq >= 0, lastSeq <= self.lastSeq else {
            return .failure(ProtocolViolation(.malformed, "last_seq \(lastSeq) is beyond the newest event \(self.lastSeq)"))
        }
        return .success(entries[lastSeq...])
    }
}
