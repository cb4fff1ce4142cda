import Foundation
import Testing
import TestSupport

/// `playbyplay bench --quick` end to end, as CI's smoke run: every part runs and reports
/// consistent numbers. Never a timing assertion (the machine may be busy).
@Suite(.timeLimit(.minutes(10))) struct BenchSmokeTests {
    static var binary: URL? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let url = folder.appendingPathComponent(".build/debug/playbyplay")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    @Test(.enabled(if: binary != nil, "needs the debug build of playbyplay"))
    func aQuickBenchRunsEveryPartAndReportsConsistentNumbers() async throws {
        let work = TestFiles.scratch("bench")
        let json = work.appendingPathComponent("bench.json")
        try await offPool {
            try Tools.run(Self.binary!.path, ["bench", "--quick", "--sessions", "2", "--work", work.path, "--json", json.path])
        }
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let runs = try #require(report["runs"] as? [[String: Any]])
        let names = runs.compactMap { $0["name"] as? String }
        #expect(names == ["batch, simulated cloud ×0.1", "streaming, simulated cloud ×0.1", "batch, local", "streaming, local",
                          "server, 2 sessions, local"])
        for run in runs {
            let first = try #require(run["first_chunk_s"] as? Double), last = try #require(run["last_chunk_s"] as? Double)
            let total = try #require(run["total"] as? Double)
            #expect(first > 0 && last >= first - 1e-9 && total >= last, "\(run)")
            #expect(run["cpu_s"] as? Double ?? 0 > 0)
            #expect(run["peak_rss_mib"] as? Double ?? 0 > 0)
        }
        // 30 s in 10 s intervals: 3 chunks in a batch run (the replaced tool had no short
        // start); streaming `process` and the server start with a 4 s interval (4, 8, then
        // 10 s: 4 chunks a session).
        #expect(runs.prefix(4).map { $0["chunks"] as? Int } == [3, 4, 3, 4])
        #expect(runs.last?["chunks"] as? Int == 8)
        #expect(runs.last?["upload_mib_per_s"] as? Double ?? 0 > 0)
        let media = try #require(report["media"] as? [String: Any])
        #expect(media["chunks"] as? Int == 3)
        #expect(media["compared_chunks"] as? Int == 1)
        let ratios = try #require(report["ratios"] as? [String: Double])
        #expect(ratios["all chunks, batch / streaming, local"] != nil)
        #expect(ratios["media per chunk, ffmpeg command / ours (wall)"] ?? 0 > 1)
        #expect(ratios["first chunk, 2 sessions / 1 session, local"] == nil, "no 1-session run to compare with")
        // Run outputs are removed (a full bench would otherwise leave gigabytes); the generated clip stays.
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        #expect(left == ["bench-30s-720p-faststart.mp4", "bench.json"])
    }
}
