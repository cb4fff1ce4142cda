import SessionModel

/// Where a session's events are kept, each before it is sent: what a resume replays and a
/// restarted server reads back. `FileEventJournal` (events.jsonl in the session's folder) is
/// the embedded one; `RedisEventJournal` is cluster mode's, fenced by the session's lease.
protocol EventJournal: Sendable {
    func append(_ entry: SequencedEvent) throws
    /// Every event kept, in seq order.
    func load() throws -> [SequencedEvent]
    func close()
}
