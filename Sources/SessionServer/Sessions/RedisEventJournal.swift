import Cluster
import Foundation
import SessionModel

/// Cluster mode's journal: the session's events in Redis (`RedisJournal`), each append
/// checked against the lease this server holds, so a server that lost the session cannot
/// add to its history.
struct RedisEventJournal: EventJournal {
    let journal: RedisJournal
    let lease: SessionLease

    func append(_ entry: SequencedEvent) throws(ClusterError) {
        try journal.append(SessionShare.encode(entry), seq: Int64(entry.seq), under: lease)
    }

    func load() throws -> [SequencedEvent] {
        try journal.load(lease.session).map { try JSONDecoder().decode(SequencedEvent.self, from: Data($0.payload)) }
    }

    func close() {}
}
