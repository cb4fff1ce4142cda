import Foundation
import Testing
import Cluster
import SessionModel
import TestSupport
@testable import SessionServer

/// Both journals keep what a resume replays: the events as sent, in seq order. The Redis one,
/// against a real redis-server, also refuses a server whose lease is gone.
@Suite(.timeLimit(.minutes(5))) struct EventJournalTests {
    let events = [
        SequencedEvent(seq: 1, event: .warning(WarningEvent(code: "provider_unavailable", message: "slow", interval: 2))),
        SequencedEvent(seq: 2, event: .chunkReady(ChunkReadyEvent(index: 0, interval: 0, url: "/media/k/chunk_0000.mp4", start: 0, end: 4))),
    ]

    @Test func theFileJournalReadsBackWhatItWrote() throws {
        let journal = FileEventJournal(file: TestFiles.scratch("journal").appendingPathComponent("events.jsonl"))
        for entry in events { try journal.append(entry) }
        journal.close()
        #expect(journal.load() == events)
    }

    @Test func theRedisJournalReadsBackWhatItWroteAndRefusesALostLease() throws {
        let redis = try RedisProcess()
        let connection = RedisConnection(try RedisAddress.parse(redis.url).get())
        let keeper = LeaseKeeper(connection, ttl: .seconds(30))
        guard case .taken(let lease) = try keeper.claim("sess", node: "a") else { throw Tools.Failure(description: "no lease") }
        let journal = RedisEventJournal(journal: RedisJournal(connection), lease: lease)
        for entry in events { try journal.append(entry) }
        #expect(try journal.load() == events)
        try keeper.release(lease)
        guard case .taken = try keeper.claim("sess", node: "b") else { throw Tools.Failure(description: "b could not take over") }
        #expect(throws: ClusterError(.fenced, "session sess: epoch 1 is no longer this server's (FENCED the lease is b 2)")) {
            try journal.append(SequencedEvent(seq: 3, event: .warning(WarningEvent(code: "x", message: "late"))))
        }
    }
}
