import ArgumentParser
import Foundation
import Media

/// `playbyplay bench`: the batch baseline against the streaming pipeline (simulated cloud and
/// local providers), chunk assembly against the replaced tool's ffmpeg command, and the
/// server path with 1, 3 and 8 sessions at once, all in one run on the same video.
struct FullBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Everything side by side: batch vs streaming, media per chunk, the server path.")

    @Option(help: "The video (default: a generated 133 s 720p25 clip with crowd-like bursts).") var video: String?
    @Option(help: "Length of the generated clip in seconds.") var seconds = 133
    @Option(help: "Interval length in seconds.") var interval: Double = 30
    @Option(help: "Sessions at once on the server path, comma-separated.") var sessions = "1,3,8"
    @Option(help: "Parts to run, comma-separated: pipeline, media, server.") var parts = "pipeline,media,server"
    @Option(help: "Providers to compare, comma-separated: simulated (cloud latencies), local (the default voice: neural where installed), espeak (local, espeak-ng's voice).")
    var providers = "simulated,local"
    @Option(help: "Upload pace (MiB/s) of the extra server runs, alone and with the most sessions: a client on a real network; the first chunk should come before the upload ends (0: no such runs).")
    var pacedUpload: Double = 8
    @Flag(help: "A smoke run in under a minute: a 30 s clip, 10 s intervals, latencies ×0.1.") var quick = false
    @Option(help: "Write the results as JSON to this file.") var json: String?
    @OptionGroup var workOptions: BenchWorkOptions

    func run() throws {
        try CLIErrors.report { try measure() }
    }

    private func measure() throws {
        let (source, folder) = try BenchClip.input(video, seconds: quick ? 30 : seconds, work: workOptions.work)
        let duration = try MediaProbe.probe(source).duration
        let interval = quick ? 10 : self.interval
        let scale = quick ? 0.1 : 1
        let wanted = Set(parts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let chosen = Set(providers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let settings = [ProviderSetting(simulateCloud: true, latencyScale: scale), ProviderSetting(simulateCloud: false, latencyScale: 1),
                        ProviderSetting(simulateCloud: false, latencyScale: 1, espeakOnly: true)]
            .filter { chosen.contains($0.simulateCloud ? "simulated" : $0.espeakOnly ? "espeak" : "local") }
        guard !settings.isEmpty else { throw ValidationError("--providers takes simulated, local, espeak, or several") }
        var report = BenchReport(video: source.lastPathComponent, videoSeconds: duration, interval: interval, quick: quick)
        let started = Date()
        func progress(_ what: String) {
            Console.line(String(format: "[%5.1f s] %@", Date().timeIntervalSince(started), what))
        }

        if wanted.contains("pipeline") {
            for setting in settings {
                for batch in [true, false] {
                    progress("\(batch ? "batch" : "streaming"), \(setting.label)…")
                    report.runs.append(try PipelineBench.run(video: source, duration: duration, interval: interval, batch: batch,
                                                             providers: setting, work: folder, keep: workOptions.keepOutputs))
                }
            }
        }
        if wanted.contains("media") {
            progress("media work per chunk, ours and the replaced tool's ffmpeg command…")
            report.media = try MediaComparison.measure(source: source, interval: interval, baselineChunks: quick ? 1 : 3,
                                                       work: folder, keep: workOptions.keepOutputs)
        }
        if wanted.contains("server") {
            let bytes = try [UInt8](Data(contentsOf: source))
            let counts = sessions.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }
            for setting in quick ? settings.filter({ !$0.simulateCloud }) : settings.reversed() {
                for count in counts {
                    progress("server path, \(count) session\(count == 1 ? "" : "s"), \(setting.label)…")
                    report.runs.append(try ServerBench.run(bytes: bytes, duration: duration, interval: interval, sessions: count,
                                                           providers: setting, work: folder, keep: workOptions.keepOutputs))
                }
            }
            // Uploads as fast as loopback goes are the worst case; clients on a real network
            // send at a pace, alone and with the most sessions at once.
            if pacedUpload > 0 && !quick, let local = settings.first(where: { !$0.simulateCloud && !$0.espeakOnly }) {
                for count in Set([1, counts.max() ?? 1]).sorted() {
                    progress(String(format: "server path, %d session%@, local, uploads paced at %.0f MiB/s…", count, count == 1 ? "" : "s", pacedUpload))
                    report.runs.append(try ServerBench.run(bytes: bytes, duration: duration, interval: interval, sessions: count,
                                                           providers: local, uploadMiBPerSecond: pacedUpload, work: folder, keep: workOptions.keepOutputs))
                }
            }
        }
        progress("done")
        print("")
        print(report.rendered)
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
            print("\nwrote \(json)")
        }
    }
}
