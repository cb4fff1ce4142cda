import Foundation
import Testing
import TestSupport
@testable import SessionServer

/// Sessions on one server share a cache folder, never each other's results.
@Suite(.timeLimit(.minutes(10)), .serialized) struct SessionIsolationTests {
    /// 20 s of crowd noise with loud bursts at 4 and 14 s.
    static let crowd: Result<URL, any Error> = Result {
        try TestFiles.generate("server-crowd20.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:sample_rate=44100:amplitude=0.05",
            "-filter_complex", "[1:a]volume='if(between(t,4,5.5)+between(t,14,15.5),6,1)':eval=frame,aformat=channel_layouts=stereo[a]",
            "-map", "0:v", "-map", "[a]", "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-movflags", "+faststart",
        ])
    }

    /// The events of one whole session, by interval.
    func detected(_ clip: URL, on server: SessionServer) async throws -> [Int: [[String: Any]]] {
        let client = try SessionClient(port: server.port, file: clip)
        try await client.start()
        try await client.upload()
        await client.read()
        #expect(client.types.last == "complete")
        var byInterval: [Int: [[String: Any]]] = [:]
        for event in client.events where event["type"] as? String == "events_detected" {
            byInterval[event["interval"] as? Int ?? -1] = event["events"] as? [[String: Any]] ?? []
        }
        return byInterval
    }

    @Test func aSessionNeverGetsAnotherUploadsDetectionResults() async throws {
        let crowd = try Self.crowd.get(), plain = try ServerHarness.clip.get()
        let alone = try await ServerHarness.with { server in try await detected(plain, on: server) }
        let afterCrowd = try await ServerHarness.with { server throws in
            let crowdEvents = try await detected(crowd, on: server)
            #expect(crowdEvents.values.contains { !$0.isEmpty }, "the crowd clip has events to leak")
            return try await detected(plain, on: server)
        }
        #expect(alone.keys.sorted() == afterCrowd.keys.sorted())
        for (interval, events) in alone {
            #expect(events.count == afterCrowd[interval]?.count, "interval \(interval)")
        }
    }
}
