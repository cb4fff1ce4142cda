import Foundation
import Testing
import Cluster
import TestSupport

/// The lease and the fenced journal against a real redis-server on loopback.
@Suite(.timeLimit(.minutes(5))) struct LeaseAndJournalTests {
    let redis: RedisProcess
    let connection: RedisConnection

    init() throws {
        redis = try RedisProcess()
        connection = RedisConnection(try RedisAddress.parse(redis.url).get())
    }

    private func take(_ keeper: LeaseKeeper, _ session: String, node: String) throws -> SessionLease {
        guard case .taken(let lease) = try keeper.claim(session, node: node) else { throw Tools.Failure(description: "\(node) could not take \(session)") }
        return lease
    }

    @Test func oneOwnerAtATimeAndTheNextTakesTheNextEpochOnceTheLeaseIsGone() throws {
        let keeper = LeaseKeeper(connection, ttl: .seconds(30))
        let first = try take(keeper, "s1", node: "a")
        #expect(first.epoch == 1)
        #expect(try keeper.claim("s1", node: "b") == .held(by: "a", epoch: 1))
        #expect(try keeper.renew(first))
        try keeper.release(first)
        let second = try take(keeper, "s1", node: "b")
        #expect(second.epoch == 2)
        #expect(try !keeper.renew(first), "an old epoch cannot renew")
    }

    @Test func anExpiredLeaseCannotRenewAndItsOwnerCannotAppend() async throws {
        let short = LeaseKeeper(connection, ttl: .milliseconds(200))
        let journal = RedisJournal(connection)
        let stalled = try take(short, "s2", node: "a")
        try journal.append(Array("one".utf8), seq: 1, under: stalled)
        try await Task.sleep(for: .milliseconds(400))
        // Gone without a successor: the stalled owner is fenced all the same.
        #expect(throws: ClusterError.self) { try journal.append(Array("late".utf8), seq: 2, under: stalled) }
        let successor = try take(short, "s2", node: "b")
        #expect(try !short.renew(stalled))
        do {
            try journal.append(Array("late".utf8), seq: 2, under: stalled)
            Issue.record("a fenced owner appended")
        } catch {
            #expect(error.reason == .fenced)
        }
        try journal.append(Array("two".utf8), seq: 2, under: successor)
        let events = try journal.load("s2")
        #expect(events.map(\.seq) == [1, 2] && events.map { String(decoding: $0.payload, as: UTF8.self) } == ["one", "two"])
    }

    @Test func aSeqIsWrittenOnceAndNoneIsSkipped() throws {
        let keeper = LeaseKeeper(connection, ttl: .seconds(30))
        let journal = RedisJournal(connection)
        let lease = try take(keeper, "s3", node: "a")
        let binary: [UInt8] = [0, 255, 10, 13, 0]
        try journal.append(binary, seq: 1, under: lease)
        for seq: Int64 in [1, 3] {
            do {
                try journal.append(Array("x".utf8), seq: seq, under: lease)
                Issue.record("seq \(seq) was accepted after 1")
            } catch {
                #expect(error.reason == .rejected && error.message.contains("the next seq is 2"))
            }
        }
        #expect(try journal.load("s3").map(\.payload) == [binary])
        #expect(try journal.lastSeq("s3") == 1)
        try SessionCatalog(connection).delete("s3", mediaKey: "k3")
        #expect(try journal.load("s3").isEmpty && journal.lastSeq("s3") == 0)
    }

    @Test func theCatalogKeepsWhatTheOwnerWroteAndRefusesAFormerOwner() throws {
        let keeper = LeaseKeeper(connection, ttl: .milliseconds(200))
        let catalog = SessionCatalog(connection)
        let first = try take(keeper, "s5", node: "a")
        try catalog.save(.meta, Array("{\"v\":1}".utf8), under: first)
        try catalog.setOpen("s5", true)
        #expect(try catalog.openSessions().contains("s5"))
        try keeper.release(first)
        let second = try take(keeper, "s5", node: "b")
        let late = #expect(throws: ClusterError.self) { try catalog.save(.meta, Array("{\"v\":0}".utf8), under: first) }
        #expect(late?.reason == .fenced)
        #expect(try catalog.load(.meta, of: "s5") == Array("{\"v\":1}".utf8))
        #expect(try catalog.load(.upload, of: "s5") == nil)

        try catalog.requestHandover("s5", to: "c", for: .seconds(5))
        #expect(try catalog.takeHandoverRequest("s5") == "c")
        #expect(try catalog.takeHandoverRequest("s5") == nil, "a request is seen once")
        try catalog.delete("s5", mediaKey: "k5")
        #expect(try !catalog.openSessions().contains("s5"))
        #expect(try catalog.load(.meta, of: "s5") == nil)
        _ = second
    }

    @Test func aRedisOutageIsUnavailableAndTheConnectionRecoversWhenItIsBack() throws {
        let journal = RedisJournal(RedisConnection(try RedisAddress.parse(redis.url).get(), timeout: .milliseconds(300)))
        #expect(try journal.lastSeq("s4") == 0)
        redis.pause()
        do {
            _ = try journal.lastSeq("s4")
            Issue.record("a paused Redis answered")
        } catch {
            #expect(error.reason == .unavailable)
        }
        redis.resume()
        #expect(try journal.lastSeq("s4") == 0)
    }

    @Test func anAddressIsParsedAndItsPasswordNeverShown() throws {
        let address = try RedisAddress.parse("redis://:s3cret@10.0.0.5:6380/2").get()
        #expect(address.host == "10.0.0.5" && address.port == 6380 && address.database == 2 && address.password == "s3cret")
        #expect(!address.description.contains("s3cret"))
        for bad in ["http://x:1", "redis://host", "redis://:pw@host:99999", "redis://host:1/x"] {
            guard case .failure(let error) = RedisAddress.parse(bad) else { Issue.record("\(bad) parsed"); continue }
            #expect(!error.message.contains("pw"))
        }
    }
}

/// Many appends in a row: every seq once, in order; the latency of each (printed for the
/// notes, not checked: tests do not time).
@Suite(.timeLimit(.minutes(5))) struct JournalRunTests {
    @Test func twoThousandAppendsAreReadBackInOrder() throws {
        let redis = try RedisProcess()
        let connection = RedisConnection(try RedisAddress.parse(redis.url).get())
        let keeper = LeaseKeeper(connection, ttl: .seconds(30))
        let journal = RedisJournal(connection)
        guard case .taken(let lease) = try keeper.claim("run", node: "a") else { throw Tools.Failure(description: "no lease") }
        let payload = Array(String(repeating: "e", count: 300).utf8)
        var latencies: [Duration] = []
        for seq in Int64(1)...2000 {
            let began = ContinuousClock.now
            try journal.append(payload, seq: seq, under: lease)
            latencies.append(began.duration(to: .now))
        }
        let read = try journal.load("run")
        #expect(read.map(\.seq) == Array(1...2000) && read.allSatisfy { $0.payload == payload })
        latencies.sort()
        let memory = try connection.command("MEMORY", "USAGE", "pbp:s:run:events").integer ?? 0
        print("journal: append p50 \(latencies[1000]) p99 \(latencies[1980]); 2000 events of 300 bytes take \(memory) bytes in Redis")
    }
}
