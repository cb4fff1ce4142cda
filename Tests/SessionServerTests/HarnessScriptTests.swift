import Foundation
import Testing
import TestSupport
@testable import SessionServer

/// client-js/harness.mjs, the scripted client users run, against this server: a session cut
/// mid-upload, resumed, reprioritised and completed, every event exactly once.
@Suite(.timeLimit(.minutes(10))) struct HarnessScriptTests {
    static let harness = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../client-js/harness.mjs").standardized

    static var nodeCanRun: Bool {
        (try? Tools.run("node", ["--experimental-websocket", "-e", "process.exit(typeof WebSocket === 'function' ? 0 : 1)"])) != nil
    }

    @Test(.enabled(if: nodeCanRun, "needs Node 20.10 or newer (WebSocket)"))
    func aScriptedSessionMeetsItsExpectations() async throws {
        let clip = try ServerHarness.clip.get()
        let script = TestFiles.scratch("harness").appendingPathComponent("script.json")
        try Data("""
            [{"start": {"options": {"interval_s": 5}}},
             {"cut": {"at_byte": 200000}},
             {"resume": {}},
             {"upload": {}},
             {"command": {"name": "reprioritise_interval", "args": {"at": 17}}},
             {"expect": {"type": "command_result", "where": {"ok": true, "result": {"interval": 3}}}},
             {"wait": {"type": "complete", "timeout_s": 240}},
             {"expect": {"in_order": true}},
             {"expect": {"type": "chunk_ready", "count": 4}},
             {"expect": {"closed": 1000}}]
            """.utf8).write(to: script)
        try await ServerHarness.with { server in
            // Tools.run throws with the harness's stderr (the failed step) when it exits non-zero.
            let output = try await offPool {
                try Tools.run("node", ["--experimental-websocket", Self.harness.path, "--url", "ws://127.0.0.1:\(server.port)/v1/session",
                                       "--file", clip.path, "--script", script.path])
            }
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
            #expect(lines.filter { $0.contains(#""type":"welcome""#) }.count == 2)
            #expect(lines.contains { $0.contains(#""type":"complete""#) })
        }
    }
}
