import Foundation
import Testing
import TestSupport

/// The command line's rough edges, each run as a user would: the binary, its exit status and
/// what it prints.
@Suite(.timeLimit(.minutes(10)))
struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(BenchSmokeTests.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = TestFiles.scratch("cli-out").appendingPathComponent("stdout")
        let errors = output.deletingLastPathComponent().appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: try String(contentsOf: output, encoding: .utf8),
                   errors: try String(contentsOf: errors, encoding: .utf8))
    }

    @Test(.enabled(if: BenchSmokeTests.binary != nil, "needs the debug build of playbyplay"))
    func versionIsPrinted() async throws {
        let run = try await offPool { try Self.run(["--version"]) }
        #expect(run.status == 0)
        #expect(run.output.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, "\(run.output)")
    }

    @Test(.enabled(if: BenchSmokeTests.binary != nil, "needs the debug build of playbyplay"))
    func aNegativeIntervalIsToldItsRangeNotThatItsValueIsMissing() async throws {
        let video = TestFiles.scratch("cli-negative").appendingPathComponent("clip.mp4")
        FileManager.default.createFile(atPath: video.path, contents: Data("x".utf8))
        let run = try await offPool { try Self.run(["process", video.path, "--interval", "-5", "--out", video.path + ".out"]) }
        #expect(run.status == 2)
        #expect(run.errors.contains("--interval must be between 5 and 120 seconds"), "\(run.errors)")
        #expect(!run.errors.contains("Missing value"))
    }

    @Test(.enabled(if: BenchSmokeTests.binary != nil, "needs the debug build of playbyplay"))
    func aFailedRunNamesTheFileAndLeavesNoOutputFolder() async throws {
        let folder = TestFiles.scratch("cli-failed")
        let video = folder.appendingPathComponent("holiday notes.mp4")
        try Data(String(repeating: "not a video at all\n", count: 200).utf8).write(to: video)
        let out = folder.appendingPathComponent("out")
        let run = try await offPool { try Self.run(["process", video.path, "--out", out.path, "--voice", "en-us"]) }
        #expect(run.status == 2)
        #expect(run.errors.contains("holiday notes.mp4"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(.enabled(if: BenchSmokeTests.binary != nil, "needs the debug build of playbyplay"))
    func voicesHaveAHeaderAndTheirHelpOnlyTheirOwnOptions() async throws {
        let list = try await offPool { try Self.run(["voices", "--speech", "espeak"]) }
        #expect(list.status == 0)
        let lines = list.output.split(separator: "\n")
        #expect(lines.first?.contains("voices in") == true, "\(lines.prefix(2))")
        #expect(lines.dropFirst().first?.contains("VOICE") == true)
        #expect(lines.contains { $0.hasPrefix("  en-us ") })
        let help = try await offPool { try Self.run(["voices", "--help"]) }
        #expect(help.output.contains("--speech") && help.output.contains("--voices-dir"))
        #expect(!help.output.contains("--detector") && !help.output.contains("--writer"))
    }
}
