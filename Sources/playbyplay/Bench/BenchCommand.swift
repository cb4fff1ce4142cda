import ArgumentParser

/// Side-by-side measurements in one run on the same input (DESIGN.md "Targets").
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measures playbyplay against the tools it replaces, side by side in one run.",
        subcommands: [FullBench.self, MediaBench.self, VoiceBench.self, UplinkBench.self],
        defaultSubcommand: FullBench.self)
}
