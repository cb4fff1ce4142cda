import Foundation
import Testing
import SessionModel

@Suite(.timeLimit(.minutes(10))) struct ServerEventTests {
    private func json(_ event: ServerEvent) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(event)) as! [String: Any]
    }

    @Test func encodesFlatObjectsWithTypeAndWireNames() throws {
        let info = try json(.mediaInfo(MediaInfoEvent(duration: 95, width: 640, height: 360, fps: 25, hasAudio: true,
                                                      intervalSeconds: 30, intervals: 4, playlist: "/media/k/playlist.m3u8")))
        #expect(info["type"] as? String == "media_info")
        #expect(info["has_audio"] as? Bool == true)
        #expect(info["interval_s"] as? Double == 30)
        let status = try json(.status(StatusEvent(stage: .queued, message: "waiting", progress: 0, queuePosition: 2)))
        #expect(status["queue_position"] as? Int == 2)
        #expect(status["stage"] as? String == "queued")
        let complete = try json(.complete(CompleteEvent(chunks: 4, finalVideo: "/f", captions: "/c", playlist: "/p",
                                                        stats: .init(firstChunkMs: 900, totalMs: 4000))))
        #expect(complete["final_video"] as? String == "/f")
        #expect((complete["stats"] as? [String: Any])?["first_chunk_ms"] as? Int == 900)
        let detected = try json(.eventsDetected(EventsDetectedEvent(interval: 1, start: 30, end: 60, events: [
            DetectedEvent(t: 41.2, kind: DetectedEvent.crowdPeak, confidence: 0.8, label: "crowd roar"),
        ])))
        #expect(detected["count"] as? Int == 1)
    }

    /// While the end of the video is unknown, duration and intervals are there, as null.
    @Test func anUnknownDurationIsNull() throws {
        let event = ServerEvent.mediaInfo(MediaInfoEvent(duration: nil, width: 320, height: 240, fps: 25, hasAudio: true,
                                                         intervalSeconds: 30, firstIntervalSeconds: 4, intervals: nil, playlist: "/p"))
        let info = try json(event)
        #expect(info["duration"] is NSNull && info["intervals"] is NSNull)
        #expect(info["first_interval_s"] as? Double == 4)
        #expect(try JSONDecoder().decode(ServerEvent.self, from: JSONEncoder().encode(event)) == event)
    }

    @Test func roundTripsEveryCase() throws {
        let events: [ServerEvent] = [
            .status(StatusEvent(stage: .analyzing, message: "m", progress: 12.5)),
            .commentaryReady(CommentaryReadyEvent(index: 0, interval: 0, text: "Kick-off!", start: 1, end: 2.5, voice: "en-us")),
            .chunkReady(ChunkReadyEvent(index: 2, interval: 2, url: "/media/k/chunk-00002.mp4", start: 60, end: 90)),
            .warning(WarningEvent(code: "tts_failed", message: "m", interval: 3)),
            .error(ErrorEvent(code: "chunk_failed", message: "m", fatal: false, interval: 1, index: 1)),
            .cancelled(CancelledEvent(chunks: 2)),
        ]
        for event in events {
            #expect(try JSONDecoder().decode(ServerEvent.self, from: JSONEncoder().encode(event)) == event)
        }
        #expect(ServerEvent.cancelled(CancelledEvent(chunks: 0)).isTerminal)
        #expect(!ServerEvent.error(ErrorEvent(code: "chunk_failed", message: "", fatal: false)).isTerminal)
        #expect(ServerEvent.error(ErrorEvent(code: "internal", message: "", fatal: true)).isTerminal)
    }
}
