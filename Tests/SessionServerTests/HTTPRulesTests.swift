import Testing
@testable import SessionServer

@Suite(.timeLimit(.minutes(10))) struct HTTPRulesTests {
    @Test func originsAreComparedExactly() {
        let policy = OriginPolicy(allowed: ["https://app.example"])
        #expect(policy.allows(origin: nil, host: "h:8080"))
        #expect(policy.allows(origin: "http://h:8080", host: "h:8080"))
        #expect(policy.allows(origin: "https://h:8080", host: "h:8080"))
        #expect(policy.allows(origin: "http://h", host: "h:80"))
        #expect(policy.allows(origin: "https://app.example", host: "h:8080"))
        #expect(policy.allows(origin: "http://localhost:3000", host: "h:8080"))
        #expect(policy.allows(origin: "http://127.0.0.1:9", host: "h:8080"))
        #expect(!policy.allows(origin: "http://127.0.0.1.evil.example", host: "h:8080"))
        #expect(!policy.allows(origin: "http://localhost.evil:80", host: "h:8080"))
        #expect(!policy.allows(origin: "https://evil.example", host: "h:8080"))
        #expect(!policy.allows(origin: "http://h:8081", host: "h:8080"))
        #expect(!policy.allows(origin: "null", host: "h:8080"))
    }

    @Test func rangesResolveAgainstTheSize() {
        #expect(ByteRange.parse(nil, size: 100) == .whole)
        #expect(ByteRange.parse("bytes=0-9", size: 100) == .partial(start: 0, end: 9))
        #expect(ByteRange.parse("bytes=90-", size: 100) == .partial(start: 90, end: 99))
        #expect(ByteRange.parse("bytes=-10", size: 100) == .partial(start: 90, end: 99))
        #expect(ByteRange.parse("bytes=50-500", size: 100) == .partial(start: 50, end: 99))
        #expect(ByteRange.parse("bytes=100-", size: 100) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=0-1,5-6", size: 100) == .whole)
        #expect(ByteRange.parse("items=0-1", size: 100) == .whole)
    }

    @Test func mediaRoutesTakeOnlyFixedNames() {
        let key = "AAAAAAAAAAAAAAAAAAAAAA"
        #expect(MediaRoute.parse("/media/\(key)/chunk-00003.mp4") == MediaRoute(key: key, name: "chunk-00003.mp4"))
        #expect(MediaRoute.parse("/media/\(key)/playlist.m3u8")?.name == "playlist.m3u8")
        #expect(MediaRoute.parse("/media/\(key)/../meta.json") == nil)
        #expect(MediaRoute.parse("/media/\(key)/upload.bin") == nil)
        #expect(MediaRoute.parse("/media/\(key)/chunk-3.mp4") == nil)
        #expect(MediaRoute.parse("/media/short/final.mp4") == nil)
        #expect(MediaRoute.parse("/media/\(key)/x/final.mp4") == nil)
        #expect(MediaRoute.contentType(for: "segment-00001.m4s") == "video/iso.segment")
        #expect(MediaRoute.contentType(for: "captions.vtt") == "text/vtt; charset=utf-8")
    }
}
