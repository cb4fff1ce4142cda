import Foundation
import Media
import SessionModel
import Testing
import TestSupport
@testable import Commentary

@Suite(.timeLimit(.minutes(10))) struct GeminiProviderTests {
    static let clip: Result<URL, any Error> = Result {
        try TestFiles.generate("gemini12.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
        ])
    }

    private func client(_ fake: FakeGemini) -> GeminiClient {
        let settings = fakeSettings(gemini: fake)
        return GeminiClient(cloud: CloudClient(service: "gemini", keyVariable: "GEMINI_API_KEY", policy: settings.policy),
                            key: fake.key, baseURL: settings.geminiBaseURL, model: settings.geminiModel)
    }

    private func detectionRequest() throws -> DetectionRequest {
        let source = try Self.clip.get()
        let info = try MediaProbe.probe(source)
        let second = try #require(IntervalPlanner.plan(info, interval: 6).dropFirst().first)
        return DetectionRequest(source: MediaSource(source), info: info, interval: second.interval, start: second.start, end: second.end)
    }

    @Test func detectsFromTheIntervalSentInline() async throws {
        let fake = try FakeGemini()
        defer { fake.server.stop() }
        let request = try detectionRequest()
        let events = try await GeminiEventDetector(client: client(fake)).detect(request)
        #expect(events == [DetectedEvent(t: request.start + 1, kind: "shot", confidence: 0.8, label: "a shot from the edge of the box")])

        let sent = try #require(fake.server.requests.first)
        #expect(fake.server.requests.count == 1)
        #expect(sent.path == "/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(sent.header("x-goog-api-key") == fake.key)
        let body = try #require(sent.json)
        let config = try #require(body["generationConfig"] as? [String: Any])
        #expect(config["responseMimeType"] as? String == "application/json")
        #expect(((config["responseSchema"] as? [String: Any])?["type"] as? String) == "OBJECT")
        let parts = try #require(((body["contents"] as? [[String: Any]])?.first?["parts"]) as? [[String: Any]])
        let inline = try #require(parts.compactMap { $0["inline_data"] as? [String: Any] }.first)
        #expect(inline["mime_type"] as? String == "video/mp4")
        let video = try #require(Data(base64Encoded: inline["data"] as? String ?? ""))
        #expect(String(decoding: video[4..<8], as: UTF8.self) == "ftyp", "the inline clip is not an MP4")
        let cut = TestFiles.scratch("gemini-cut").appendingPathComponent("clip.mp4")
        try video.write(to: cut)
        #expect(abs(try Tools.formatDuration(cut) - (request.end - request.start)) < 0.1)
    }

    @Test func largeClipsGoThroughTheFilesAPI() async throws {
        let fake = try FakeGemini()
        defer { fake.server.stop() }
        var detector = GeminiEventDetector(client: client(fake))
        detector.inlineLimit = 0
        let events = try await detector.detect(try detectionRequest())
        #expect(events.count == 1)
        let requests = fake.server.requests
        #expect(requests.map(\.method) == ["POST", "POST", "GET", "POST"], "\(requests.map(\.target))")
        #expect(requests[0].path == "/upload/v1beta/files" && requests[0].header("x-goog-upload-protocol") == "resumable")
        #expect(requests[0].header("x-goog-upload-command") == "start")
        #expect(requests[0].header("x-goog-upload-header-content-length") == String(requests[1].body.count))
        #expect(requests[1].header("x-goog-upload-command") == "upload, finalize" && requests[1].header("x-goog-upload-offset") == "0")
        let parts = try #require(((requests[3].json?["contents"] as? [[String: Any]])?.first?["parts"]) as? [[String: Any]])
        let file = try #require(parts.compactMap { $0["file_data"] as? [String: Any] }.first)
        #expect((file["file_uri"] as? String)?.hasSuffix(try #require(fake.uploadedSizes.keys.first)) == true)
    }

    @Test func writesLinesWithinTheStretchAndNeverRepeats() async throws {
        let fake = try FakeGemini()
        defer { fake.server.stop() }
        let writer = GeminiCommentaryWriter(client: client(fake))
        var said: Set<String> = []
        for interval in 0..<3 {
            let start = Double(interval) * 10
            let request = WritingRequest(interval: interval, earliest: start + 0.6, latest: start + 9.4,
                                         events: [DetectedEvent(t: start + 2, kind: "shot", confidence: 0.9, label: "a shot")],
                                         language: "en", sport: .soccer, style: .playByPlay, wordsPerSecond: 2.5,
                                         opensTheVideo: interval == 0, alreadySaid: said)
            let lines = try await writer.write(request)
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { $0.start >= request.earliest && $0.end <= request.latest && !said.contains($0.text) })
            #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.end <= $1.start })
            said.formUnion(lines.map { $0.text })
        }
        let prompt = try #require(((fake.server.requests.last?.json?["contents"] as? [[String: Any]])?.first?["parts"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(prompt.contains("a shot") && prompt.contains("Never repeat"))
    }

    @Test func aBadKeyIsNamed() async throws {
        let fake = try FakeGemini()
        defer { fake.server.stop() }
        var settings = fakeSettings(gemini: fake)
        settings.geminiKey = "AIza-not-the-key"
        let client = GeminiClient(cloud: CloudClient(service: "gemini", keyVariable: "GEMINI_API_KEY", policy: settings.policy),
                                  key: "AIza-not-the-key", baseURL: settings.geminiBaseURL, model: settings.geminiModel)
        let request = WritingRequest(interval: 0, earliest: 0.6, latest: 9, events: [], language: "en", sport: .soccer, style: .playByPlay,
                                     wordsPerSecond: 2.5, opensTheVideo: true, alreadySaid: [])
        let writer = GeminiCommentaryWriter(client: client)
        do throws(ProviderError) {
            _ = try await writer.write(request)
            Issue.record("a bad key was accepted")
        } catch {
            #expect(error.kind == .permanent)
            #expect(error.message.hasPrefix("GEMINI_API_KEY was rejected by gemini (400): API key not valid"), "\(error)")
            #expect(!error.message.contains("AIza-not-the-key"))
        }
        #expect(fake.server.requests.count == 1)
    }

    @Test func malformedRepliesAreTransient() async throws {
        let fake = try FakeGemini()
        defer { fake.server.stop() }
        fake.server.knobs.malformedNext(1)
        let request = WritingRequest(interval: 0, earliest: 0.6, latest: 9, events: [], language: "en", sport: .soccer, style: .playByPlay,
                                     wordsPerSecond: 2.5, opensTheVideo: true, alreadySaid: [])
        let writer = GeminiCommentaryWriter(client: client(fake))
        do throws(ProviderError) {
            _ = try await writer.write(request)
            Issue.record("a malformed reply was accepted")
        } catch {
            #expect(error.kind == .transient && error.message.contains("not the documented JSON"), "\(error)")
        }
    }
}
