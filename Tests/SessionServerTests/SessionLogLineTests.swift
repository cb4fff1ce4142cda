import Logging
import SessionModel
import Testing
@testable import SessionServer

/// Which session events the server log tells, and how.
@Suite(.timeLimit(.minutes(10))) struct SessionLogLineTests {
    @Test func stateChangesAndProblemsAreLoggedTheRestIsNot() {
        let info = MediaInfoEvent(duration: 20, width: 1280, height: 720, fps: 25, hasAudio: true, intervalSeconds: 30, intervals: 2, playlist: "p.m3u8")
        #expect(SessionLogLine.of(.mediaInfo(info), chunksSoFar: 0)?.message == "session processing")
        let chunk = ChunkReadyEvent(index: 0, interval: 0, url: "c.mp4", start: 0, end: 4)
        #expect(SessionLogLine.of(.chunkReady(chunk), chunksSoFar: 0)?.message == "session first chunk")
        #expect(SessionLogLine.of(.chunkReady(chunk), chunksSoFar: 1) == nil)
        let failed = SessionLogLine.of(.error(ErrorEvent(code: "unsupported_media", message: "not a video", fatal: true)), chunksSoFar: 0)
        #expect(failed?.level == .error && failed?.message == "session failed" && failed?.metadata["error.code"] == "unsupported_media")
        let warned = SessionLogLine.of(.warning(WarningEvent(code: "tts_failed", message: "no", interval: 3)), chunksSoFar: 0)
        #expect(warned?.level == .warning && warned?.metadata["warning.interval"] == "3")
        #expect(SessionLogLine.of(.cancelled(CancelledEvent(chunks: 1)), chunksSoFar: 0)?.message == "session cancelled")
        #expect(SessionLogLine.of(.status(StatusEvent(stage: .writing, message: "x", progress: 1)), chunksSoFar: 0) == nil)
    }
}
