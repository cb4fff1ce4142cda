import Cluster
import Foundation
@testable import SessionServer
import Testing
import TestSupport

/// Another server's session's media, copied from a real S3 server (moto) piece by piece and
/// served from disk: files written once are copied once, the playlist every time.
@Suite(.timeLimit(.minutes(3)), .enabled(if: MotoProcess.python != nil, "moto is not installed (./scripts/install-services)"))
struct StoreMediaCacheTests {
    @Test func aLargeFileIsCopiedInPiecesOnceAndThePlaylistEachTime() throws {
        let moto = try MotoProcess()
        let objects = S3Store(try StoreAddress.parse("s3://pbp-cache?endpoint=\(moto.endpoint)", environment: MotoProcess.credentials).get())
        try objects.createBucket()
        let video = (0..<(3 << 20) + 123).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try objects.put("media/K/final.mp4", video, contentType: "video/mp4")
        try objects.put("media/K/playlist.m3u8", Array("#EXTM3U\n".utf8), contentType: "application/vnd.apple.mpegurl")
        var cache = StoreMediaCache(folder: TestFiles.scratch("store-cache"), objects: objects)
        cache.piece = 1 << 20

        let file = try #require(try cache.file(key: "K", name: "final.mp4"))
        #expect([UInt8](try Data(contentsOf: file)) == video)
        try objects.delete("media/K/final.mp4")
        #expect(try cache.file(key: "K", name: "final.mp4") == file, "copied once: the store is not asked again")

        #expect(try cache.file(key: "K", name: "playlist.m3u8") != nil)
        try objects.delete("media/K/playlist.m3u8")
        #expect(try cache.file(key: "K", name: "playlist.m3u8") == nil, "a file that changes is read again")
        #expect(try cache.file(key: "K", name: "chunk-00000.mp4") == nil)

        cache.remove(key: "K")
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
