import ArgumentParser
import Foundation
import Media

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe", abstract: "Prints what playbyplay reads from a video: streams, duration, keyframes, chunks.")

    @Argument(help: "The video file.") var video: String
    @Option(help: "Interval length in seconds for the chunk plan.") var interval: Double = 30

    func run() throws {
        let info = try CLIErrors.report { () throws in try MediaProbe.probe(URL(fileURLWithPath: video)) }
        let plan = IntervalPlanner.plan(info, interval: interval)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        struct Report: Encodable { var info: MediaInfo; var chunks: [ChunkSpan] }
        print(String(decoding: try encoder.encode(Report(info: info, chunks: plan)), as: UTF8.self))
    }
}
