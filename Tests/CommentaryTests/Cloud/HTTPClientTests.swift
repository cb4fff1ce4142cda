import CurlHTTP
import Foundation
import Testing
import TestSupport
@testable import Commentary

@Suite(.timeLimit(.minutes(10))) struct HTTPClientTests {
    @Test func sendsHeadersAndBodyAndReadsTheReply() async throws {
        try await withServer(echoServer) { server in
            var request = HTTPRequest.json(server.baseURL + "/v1/thing?x=1", headers: [("X-Test", "yes")], body: Array("{\"a\":1}".utf8))
            request.timeout = .seconds(5)
            let response = try await HTTPClient().perform(request)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text.contains("\"path\":\"\\/v1\\/thing\"") || response.text.contains("\"path\":\"/v1/thing\""))
            let recorded = try #require(server.requests.first)
            #expect(recorded.method == "POST")
            #expect(recorded.target == "/v1/thing?x=1")
            #expect(recorded.header("x-test") == "yes")
            #expect(recorded.header("content-type") == "application/json")
            #expect(recorded.header("expect") == nil)
            #expect(recorded.body == Array("{\"a\":1}".utf8))
        }
    }

    @Test func streamsAFileBody() async throws {
        let file = TestFiles.scratch("upload").appendingPathComponent("body.bin")
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: file)
        try await withServer(echoServer) { server in
            let response = try await HTTPClient().perform(HTTPRequest(method: "POST", url: server.baseURL + "/upload", body: .file(file)))
            #expect(response.status == 200)
            #expect(server.requests.first?.body == bytes)
        }
    }

    @Test func cancellingTheTaskAbortsASlowTransfer() async throws {
        try await withServer(echoServer) { server in
            server.knobs.slowNext(1, seconds: 20)
            let task = Task { try await HTTPClient().perform(HTTPRequest(url: server.baseURL + "/slow")) }
            // Cancel once the reply is under way (a cancel before the request is sent cuts nothing).
            for _ in 0..<400 where server.slowRepliesStarted == 0 { try await Task.sleep(for: .milliseconds(25)) }
            try #require(server.slowRepliesStarted == 1, "the reply never started")
            let cancelled = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect((result.error as? CurlError)?.reason == .cancelled, "\(result)")
            // The server sends a piece a second: it sees the connection gone within a piece or two.
            for _ in 0..<100 where server.brokenReplies.isEmpty { try await Task.sleep(for: .milliseconds(250)) }
            let cut = try #require(server.brokenReplies.first, "the 20 s reply went out whole")
            // Well before the 20 s reply would end (curl looks at its progress callback about once a second).
            #expect(cut - cancelled < .seconds(8), "the transfer went on for \(cut - cancelled) after the cancel")
        }
    }

    @Test func aSlowBodyHitsTheTotalTimeout() async throws {
        try await withServer(echoServer) { server in
            server.knobs.slowNext(1, seconds: 10)
            var request = HTTPRequest(url: server.baseURL + "/slow")
            request.timeout = .milliseconds(600)
            do throws(CurlError) {
                _ = try await HTTPClient().perform(request)
                Issue.record("a 10 s body arrived within 0.6 s")
            } catch {
                #expect(error.reason == .timedOut, "\(error)")
            }
            do { _ = try await HTTPClient().perform(request) } catch { Issue.record("the next request failed: \(error)") }
        }
    }

    @Test func aDroppedConnectionIsATransientError() async throws {
        try await withServer(echoServer) { server in
            server.knobs.dropNext(1)
            do throws(CurlError) {
                _ = try await HTTPClient().perform(HTTPRequest(url: server.baseURL + "/drop"))
                Issue.record("a dropped connection gave a response: \(server.requests.count) requests")
            } catch {
                #expect(error.reason == .connectionLost)
                #expect(error.isTransient)
            }
        }
    }

    @Test func nothingListeningIsCannotConnect() async {
        // Port 1 (tcpmux) is never served here; a stopped fake's port could be reused by a parallel test.
        let url = "http://127.0.0.1:1/"
        do throws(CurlError) {
            _ = try await HTTPClient().perform(HTTPRequest(url: url))
            Issue.record("a closed port answered")
        } catch {
            #expect(error.reason == .cannotConnect)
        }
    }
}

extension Result {
    var error: Failure? { if case .failure(let error) = self { error } else { nil } }
}
