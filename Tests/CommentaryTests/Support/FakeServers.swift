import Foundation
import TestSupport
@testable import Commentary

/// Scoped fakes: the server stops on every path.
func withServer<T>(_ make: () throws -> FakeHTTPServer, _ body: (FakeHTTPServer) async throws -> T) async throws -> T {
    let server = try make()
    defer { server.stop() }
    return try await body(server)
}

/// A server answering every request with `{"ok":true,"path":...}` and errors in OpenAI's shape.
func echoServer() throws -> FakeHTTPServer {
    try FakeHTTPServer(errorBody: { status, message in Array("{\"error\":{\"message\":\"\(message)\",\"code\":\(status)}}".utf8) }) { request in
        .json(["ok": true, "path": request.path, "received": request.body.count])
    }
}

extension CloudPolicy {
    /// Fast retries for tests.
    static var quick: CloudPolicy {
        var policy = CloudPolicy()
        policy.baseDelay = .milliseconds(20)
        policy.maxDelay = .seconds(3)
        policy.timeout = .seconds(10)
        return policy
    }
}

/// Settings pointing every service at its fake.
func fakeSettings(gemini: FakeGemini? = nil, elevenLabs: FakeElevenLabs? = nil, openAI: FakeOpenAI? = nil) -> CloudSettings {
    let environment = [gemini?.environment, elevenLabs?.environment, openAI?.environment].compactMap { $0 }
    var settings = CloudSettings(environment: environment.reduce(into: [:]) { $0.merge($1) { $1 } })
    settings.policy = .quick
    return settings
}
