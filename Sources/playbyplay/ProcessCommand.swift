public import ArgumentParser
public import Commentary
import Foundation
import Media
import Pipeline
public import SessionModel

/// Turns a video into a commentated one offline: chunks, HLS playlist, final.mp4,
/// captions.vtt and events.json.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process", abstract: "Commentates a video offline: chunks, playlist, final.mp4, captions and events.")

    @Argument(help: "The video file (mp4/mov, mkv/webm or mpegts).") var video: String
    @Option(help: "Output folder.") var out: String = "out"
    @Option(help: "Voice (see `playbyplay voices`; default: the language's default voice, the neural one for English when installed).") var voice: String?
    @Option(help: "Language of the commentary (en, es).") var language: String = "en"
    @Option(help: ArgumentHelp("The sport, for the commentary's words (values: \(SportCatalog.shipped.sports.joined(separator: ", "))).",
                               valueName: "sport"))
    var sport: Sport = .soccer
    @Option(help: "Interval length in seconds (5-120).") var interval: Double = 30
    @Option(help: "Length of the first interval in seconds, as `serve` (0: as long as the others): a short first chunk is ready early.")
    var firstInterval: Double = 4
    @Option(help: "full (the whole video) or highlights.") var output: SessionOptions.Output = .full
    @Option(help: "The deepest the original sound may be ducked under speech (a gain, 0-1); each line ducks only as deep as it needs.")
    var duck: Double = SessionOptions().duck
    @Option(help: "With --output highlights: the reel's length in seconds (default: a quarter of the video).")
    var highlightsSeconds: Double?
    @Option(help: "Cache folder for detection results and speech.") var dataDir: String?
    @Flag(help: "Print the protocol events as JSON lines.") var json = false
    @OptionGroup var cloud: ProviderOptions
    @Flag(help: ArgumentHelp("Run the stages one after another for all chunks, as the replaced tool did (benchmark baseline).", visibility: .hidden))
    var batch = false

    func run() async throws {
        AllocatorSettings.apply()
        let source = URL(fileURLWithPath: video)
        guard FileManager.default.fileExists(atPath: source.path) else { fail("no such file: \(video)") }
        guard SessionOptions.intervalRange.contains(interval) else { fail("--interval must be between 5 and 120 seconds") }
        guard SessionOptions.duckRange.contains(duck) else { fail("--duck must be between 0 and 1") }
        if firstInterval != 0, !SessionOptions.firstIntervalRange.contains(firstInterval) { fail("--first-interval must be 0 or between 1 and 120 seconds") }
        if let highlightsSeconds, !(highlightsSeconds > 0) { fail("--highlights-seconds must be more than 0") }
        var providers = cloud.make()
        // The replaced tool had no fast start.
        if batch { providers.startDetector = nil }
        let languages = providers.writer.languages.filter(SportCatalog.shipped.languages.contains)
        guard languages.contains(language) else {
            fail("unknown language '\(language)' (available: \(languages.joined(separator: ", ")))")
        }
        guard let sport = SportCatalog.shipped.resolve(sport) else {
            fail("unknown sport '\(self.sport)' (available: \(SportCatalog.shipped.sports.joined(separator: ", ")))")
        }
        var chosen = voice
        if chosen == nil { chosen = await providers.synthesizer.defaultVoice(language: language) }
        guard let voice = chosen else {
            fail("no voice speaks '\(language)' (see `playbyplay voices`)")
        }
        do throws(ProviderError) {
            try await providers.synthesizer.checkVoice(voice)
        } catch {
            fail(error.message)
        }
        let directory = URL(fileURLWithPath: out)
        // A folder this run makes is removed again when the run fails with nothing in it.
        let madeFolder = !FileManager.default.fileExists(atPath: directory.path)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            fail("cannot create \(out): \(error.localizedDescription)")
        }
        let options = SessionOptions(voice: voice, language: language, intervalSeconds: interval, firstIntervalSeconds: firstInterval > 0 ? firstInterval : nil,
                                     output: output, duck: duck, sport: sport, highlightsSeconds: highlightsSeconds)
        var configuration = PipelineConfiguration(
            source: source, outputDirectory: directory, cacheDirectory: cacheDirectory(),
            contentKey: ContentFingerprint.of(source), options: options)
        if batch { configuration.stageOrder = .batch }
        let pipeline = Pipeline(configuration: configuration, providers: providers)
        let interrupt = InterruptHandler { Task { await pipeline.cancel() } }
        defer { interrupt.cancel() }

        let reporter = ProgressReporter(json: json, directory: directory)
        async let running: Void = pipeline.run()
        var outcome: ServerEvent?
        for await event in pipeline.events {
            reporter.show(event)
            if event.isTerminal { outcome = event }
        }
        await running
        reporter.finish()
        if case .complete = outcome { return }
        if madeFolder { Self.removeIfNothingMade(directory) }
        switch outcome {
        case .cancelled: throw ExitCode(130)
        case .error(let error): fail(error.message)
        default: fail("the pipeline stopped without finishing")
        }
    }

    /// Removes `folder` when it holds no chunk and no final video (a failed run's bookkeeping only).
    static func removeIfNothingMade(_ folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard !names.contains(where: { $0.hasPrefix("chunk-") || $0 == "final.mp4" }) else { return }
        try? FileManager.default.removeItem(at: folder)
    }

    private func cacheDirectory() -> URL {
        if let dataDir { return URL(fileURLWithPath: dataDir) }
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("playbyplay")
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("playbyplay: \(message)\n".utf8))
        Foundation.exit(2)
    }
}

extension Sport: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public var defaultValueDescription: String { rawValue }
}
extension SessionOptions.Output: ExpressibleByArgument {}
