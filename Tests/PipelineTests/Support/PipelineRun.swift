import Foundation
import Commentary
import Media
import Pipeline
import SessionModel
import TestSupport

/// A pipeline over a generated clip, with its events collected as they come.
struct PipelineRun {
    /// 20 s of 320x240 video with a 2 s GOP and a tone: four 5 s chunks.
    static let clip: Result<URL, any Error> = Result {
        try TestFiles.generate("pipeline20.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100",
            "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "2",
        ])
    }

    let pipeline: Pipeline
    let folder: URL

    init(source: URL? = nil, providers: CommentaryProviders, interval: Double = 5, voice: String = "v1",
         failingChunks: Set<Int> = [], hangingChunks: Set<Int> = [], hang: TimeInterval = 4, configure: (inout PipelineConfiguration) -> Void = { _ in }) throws {
        folder = TestFiles.scratch("pipeline")
        var configuration = PipelineConfiguration(
            source: try source ?? Self.clip.get(), outputDirectory: folder, cacheDirectory: nil, contentKey: "test",
            options: SessionOptions(voice: voice, intervalSeconds: interval), urlPrefix: "/media/k/")
        configuration.retryDelay = .zero
        configuration.detectionWorkers = 1
        configure(&configuration)
        let assemblers: AssemblerFactory = { source, info, directory, mixer throws(MediaError) in
            FaultyAssembler(real: try Assemblers.standard(source, info, directory, mixer), failing: failingChunks, hanging: hangingChunks, hang: hang)
        }
        pipeline = Pipeline(configuration: configuration, providers: providers, assemblers: assemblers)
    }

    /// Runs to the end; `onEvent` may act on the pipeline while it runs.
    func run(onEvent: @escaping @Sendable (ServerEvent, Pipeline) async -> Void = { _, _ in }) async -> [ServerEvent] {
        async let running: Void = pipeline.run()
        var events: [ServerEvent] = []
        for await event in pipeline.events {
            events.append(event)
            await onEvent(event, pipeline)
        }
        await running
        return events
    }
}

extension [ServerEvent] {
    var chunkIndices: [Int] {
        compactMap { if case .chunkReady(let chunk) = $0 { chunk.index } else { nil } }
    }

    var warnings: [WarningEvent] {
        compactMap { if case .warning(let warning) = $0 { warning } else { nil } }
    }

    var errors: [ErrorEvent] {
        compactMap { if case .error(let error) = $0 { error } else { nil } }
    }

    var commentary: [CommentaryReadyEvent] {
        compactMap { if case .commentaryReady(let line) = $0 { line } else { nil } }
    }
}
