import Foundation
import Testing
import TestSupport

/// `playbyplay process` as its own process with the cloud chosen by flags and reached through
/// the environment variables, against the fakes.
@Suite(.timeLimit(.minutes(10))) struct CloudProcessCommandTests {
    private static var binary: URL? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let url = folder.appendingPathComponent(".build/debug/playbyplay")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    /// Runs the binary to its end; returns its status, standard output and standard error.
    private func run(_ binary: URL, _ arguments: [String], environment: [String: String]) async throws -> (Int32, String, String) {
        try await offPool {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            var inherited = ProcessInfo.processInfo.environment
            for name in ["GEMINI_API_KEY", "ELEVENLABS_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL"] { inherited[name] = nil }
            process.environment = inherited.merging(environment) { $1 }
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            // The error stream is small (a message or two); standard output is drained first.
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }

    @Test func processesThroughOpenAIFromTheEnvironment() async throws {
        guard let binary = Self.binary else { return }
        let openAI = try FakeOpenAI()
        defer { openAI.server.stop() }
        let out = TestFiles.scratch("cli-openai")
        let (status, output, errors) = try await run(binary, [
            "process", try PipelineRun.clip.get().path, "--out", out.path, "--interval", "5", "--json",
            "--data-dir", out.appendingPathComponent("cache").path, "--providers", "openai", "--voice", "echo",
        ], environment: openAI.environment)
        #expect(status == 0, "\(errors)")
        let complete = try #require(output.split(separator: "\n").last { $0.contains("\"type\":\"complete\"") })
        #expect(complete.contains("\"usage\"") && complete.contains("\"openai\""), "\(complete)")
        #expect(output.contains("OpenAI line"))
        #expect(!output.contains(openAI.key) && !errors.contains(openAI.key), "the key reached the output")
        #expect(openAI.server.requests.contains { $0.path == "/v1/audio/speech" })
    }

    @Test func aVoiceThatCannotSpeakIsOneLineAndExit2() async throws {
        guard let binary = Self.binary else { return }
        for voice in ["ja", "nobody"] {
            let (status, output, errors) = try await run(binary, ["process", try PipelineRun.clip.get().path, "--out",
                                                                  TestFiles.scratch("cli-voice").path, "--voice", voice], environment: [:])
            #expect(status == 2)
            #expect(output.isEmpty)
            let lines = errors.split(separator: "\n").filter { $0.hasPrefix("playbyplay:") }
            #expect(lines.count == 1 && lines[0].contains("'\(voice)'"), "\(errors)")
        }
    }

    @Test func aMissingKeyIsAClearError() async throws {
        guard let binary = Self.binary else { return }
        let (status, _, errors) = try await run(binary, ["process", try PipelineRun.clip.get().path, "--out", TestFiles.scratch("cli-nokey").path,
                                                         "--providers", "gemini", "--speech", "espeak"], environment: [:])
        #expect(status == 2)
        #expect(errors.contains("GEMINI_API_KEY"), "\(errors)")
    }
}
