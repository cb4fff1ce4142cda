import ArgumentParser
import Foundation

/// Chunk assembly: ours (video copied, gapless AAC) against the replaced tool's per-chunk
/// ffmpeg command (libx264 ultrafast re-encode), on the same chunks of the same video.
struct MediaBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media", abstract: "Chunk assembly against the replaced tool's per-chunk ffmpeg re-encode.")

    @Option(help: "The video (default: a generated 720p25 clip).") var video: String?
    @Option(help: "Length of the generated clip in seconds.") var seconds: Int = 600
    @Option(help: "Interval length in seconds.") var interval: Double = 30
    @Option(help: "How many chunks to run the replaced tool's command on (it is slow).") var baselineChunks: Int = 4
    @Flag(help: "A smoke run: a 60 s clip and one baseline chunk.") var quick = false
    @OptionGroup var workOptions: BenchWorkOptions


    func run() throws {
        try CLIErrors.report { try measure() }
    }

    private func measure() throws {
        let (source, folder) = try BenchClip.input(video, seconds: quick ? 60 : seconds, work: workOptions.work)
        let result = try MediaComparison.measure(source: source, interval: interval, baselineChunks: quick ? 1 : baselineChunks,
                                                  work: folder, keep: workOptions.keepOutputs)
        print(result.table)
    }
}
