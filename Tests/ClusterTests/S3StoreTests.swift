import Foundation
import Testing
import Cluster
import TestSupport

/// The object store against moto's S3 server on loopback (skipped, saying so, when moto is
/// not installed: ./scripts/install-services).
@Suite(.timeLimit(.minutes(5)), .enabled(if: MotoProcess.python != nil, "moto is not installed (./scripts/install-services)"))
struct S3StoreTests {
    let moto: MotoProcess
    let store: S3Store

    init() throws {
        moto = try MotoProcess()
        let address = try StoreAddress.parse("s3://pbp-test/run-1?endpoint=\(moto.endpoint)", environment: MotoProcess.credentials).get()
        store = S3Store(address)
        try store.createBucket()
    }

    @Test func storesReadsWholeAndByRangeListsAndDeletes() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try store.put("sessions/s_1/upload/000000000000", bytes, contentType: "application/octet-stream")
        try store.put("sessions/s_1/out/playlist.m3u8", Array("#EXTM3U\n".utf8), contentType: "application/vnd.apple.mpegurl")
        try store.put("sessions/s_2/out/chunk-00000.mp4", [1, 2, 3], contentType: "video/mp4")

        #expect(try store.get("sessions/s_1/upload/000000000000") == bytes)
        #expect(try store.get("sessions/s_1/upload/000000000000", range: 1000..<1010) == Array(bytes[1000..<1010]))
        #expect(try store.size(of: "sessions/s_1/upload/000000000000") == 300_000)
        #expect(try store.get("sessions/s_1/nothing") == nil)
        #expect(try store.size(of: "sessions/s_1/nothing") == nil)
        #expect(try store.list("sessions/s_1/").map(\.key) == ["sessions/s_1/out/playlist.m3u8", "sessions/s_1/upload/000000000000"])
        #expect(try store.list("sessions/s_1/").map(\.size) == [8, 300_000])

        try store.deleteAll(under: "sessions/s_1/")
        #expect(try store.list("sessions/s_1/").isEmpty)
        #expect(try store.list("sessions/").map(\.key) == ["sessions/s_2/out/chunk-00000.mp4"], "another session's objects stay")
    }

    @Test func aFileIsStoredWithoutBeingReadWhole() throws {
        let file = TestFiles.scratch("s3-file").appendingPathComponent("final.mp4")
        let bytes = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 / 7) }
        try Data(bytes).write(to: file)
        try store.put("final.mp4", file: file, contentType: "video/mp4")
        #expect(try store.get("final.mp4") == bytes)
    }

    @Test func listingPagesPastAThousandKeys() throws {
        // ListObjectsV2 answers at most 1000 keys a page: the rest come by continuation token.
        for index in 0..<1005 { try store.put("many/\(String(format: "%05d", index))", [], contentType: "text/plain") }
        let keys = try store.list("many/").map(\.key)
        #expect(keys.count == 1005)
        #expect(keys.last == "many/01004")
    }

    @Test func aStoreThatIsDownIsUnavailableAndItsCredentialsAreNeverInTheError() throws {
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDSECRETLOOKING", "AWS_SECRET_ACCESS_KEY": "super-secret-value"]
        let down = S3Store(try StoreAddress.parse("s3://b?endpoint=http://127.0.0.1:1", environment: environment).get())
        let error = #expect(throws: ClusterError.self) { try down.put("k", [1], contentType: "text/plain") }
        #expect(error?.reason == .unavailable)
        #expect(error.map { !$0.message.contains("super-secret-value") && !$0.message.contains("AKIDSECRETLOOKING") } == true)
        #expect(!down.address.description.contains("super-secret-value"))
    }

    @Test func addressesThatCannotWorkAreRefusedWithTheReason() {
        let keys = MotoProcess.credentials
        #expect(throws: ClusterError.self) { try StoreAddress.parse("http://bucket", environment: keys).get() }
        #expect(throws: ClusterError.self) { try StoreAddress.parse("s3://bucket?endpoint=ftp://x", environment: keys).get() }
        #expect(throws: ClusterError.self) { try StoreAddress.parse("s3://bucket?colour=red", environment: keys).get() }
        let noKeys = #expect(throws: ClusterError.self) { try StoreAddress.parse("s3://bucket", environment: [:]).get() }
        #expect(noKeys?.message.contains("AWS_ACCESS_KEY_ID") == true)
        let aws = try? StoreAddress.parse("s3://bucket/p?region=eu-west-1", environment: keys).get()
        #expect(aws?.endpoint == "https://s3.eu-west-1.amazonaws.com")
        #expect(aws?.prefix == "p/")
    }
}
