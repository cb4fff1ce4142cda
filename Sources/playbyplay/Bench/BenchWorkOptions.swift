import ArgumentParser
import Foundation

/// Where a benchmark works, and whether its runs' outputs stay: the options every bench
/// subcommand shares.
struct BenchWorkOptions: ParsableArguments {
    @Option(help: "Work folder: the generated clip stays there for the next run.")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("playbyplay-bench").path

    @Flag(help: "Keep each run's outputs (chunks, uploads, caches) in the work folder; by default they are removed.")
    var keepOutputs = false
}
