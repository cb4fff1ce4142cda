public import Commentary
import Foundation
import Logging
public import Media
public import SessionModel

/// One session's work: detect → write → voice → assemble, overlapping, with bounded channels
/// between the stages, a per-chunk schedule that reprioritisation reorders, and the protocol's
/// events on `events`. Commands (prioritise, change voice, cancel) apply to the running work.
public actor Pipeline {
    public nonisolated let events: AsyncStream<ServerEvent>
    private let continuation: AsyncStream<ServerEvent>.Continuation

    let configuration: PipelineConfiguration
    let providers: CommentaryProviders
    let makeAssembler: AssemblerFactory
    let caches: Caches
    let mixer: DuckingMixer
    /// What the cloud providers did for this session (usage, fallbacks to local providers).
    let activity: ProviderActivity
    let redaction: PathRedaction

    // The run's state, in a few values with one owner each (see each type).
    var info: MediaInfo?
    var spans: [ChunkSpan] = []
    var schedule = IntervalSchedule(chunks: [])
    /// What planning keeps while the video's chunks are still being found.
    var planning = Planning()
    /// Chunks taken for detection so far (each worker's chunk gets the next number).
    var ticketsIssued = 0
    var progress = ProgressMeter(chunks: 1)
    var narration: Narration
    var output: DeliveryRecord
    let prior: PriorDeliveries
    var reel = HighlightReelState()
    /// A live session's chunk deadlines.
    var deadlines = LiveDeadlines()
    /// Whose turn it is to make a chunk.
    var assemblyTurn = AssemblyTurn()
    /// Makes the chunks, once the video is probed (a live chunk's deadline uses it too).
    var assembler: (any ChunkAssembling)?
    var lifecycle = RunState.running
    /// Checks every writer's lines (nil: no pack for the session's language).
    let factGate: FactGate?
    let started = ContinuousClock.now
    private var runTask: Task<Void, Never>?

    public init(configuration: PipelineConfiguration, providers: CommentaryProviders,
                assemblers: @escaping AssemblerFactory = Assemblers.standard) {
        self.configuration = configuration
        self.providers = providers
        makeAssembler = assemblers
        caches = Caches(directory: configuration.cacheDirectory)
        // A live chunk is made as soon as its last frame is here: its programme gain hears
        // only a block ahead (a finished video's hears two seconds ahead).
        let levels = configuration.options.live ? BroadcastLevels(program: ProgramLevel(ahead: 1)) : BroadcastLevels()
        mixer = DuckingMixer.broadcast(deepestDuck: Float(configuration.options.duck), levels: levels)
        activity = ProviderActivity(logger: configuration.logger)
        redaction = PathRedaction([configuration.source.deletingLastPathComponent(), configuration.outputDirectory,
                                   configuration.cacheDirectory],
                                  source: configuration.sourceName.map { (configuration.source.lastPathComponent, $0) })
        narration = Narration(voice: configuration.options.voice)
        prior = configuration.options.output == .full ? configuration.prior : PriorDeliveries()
        // In every output, new lines are numbered after those told (highlights start over).
        output = DeliveryRecord(nextLine: configuration.prior.nextLineIndex)
        factGate = SportCatalog.shipped.pack(configuration.options.sport, language: configuration.options.language).map(FactGate.init(pack:))
        (events, continuation) = AsyncStream.makeStream(of: ServerEvent.self)
    }

    /// Runs the whole session; returns once its terminal event is out.
    public func run() async {
        let task = Task { await self.execute() }
        runTask = task
        await task.value
    }

    /// Stops all work now. Chunks already delivered stay valid; `cancelled` follows once they
    /// are joined into one video to download (a stream copy), and no event follows it.
    public func cancel() async {
        guard lifecycle == .running else { return }
        lifecycle = .stopping
        runTask?.cancel()
        deadlines.cancelAll()
        wakePlanWaiters()
        let partial = await joinDelivered()
        emit(.cancelled(CancelledEvent(chunks: output.delivered.count, partialVideo: partial)), cancelling: true)
    }

    /// Stops all work without a terminal event (the server is shutting down; the session
    /// continues when a server starts again).
    public func halt() {
        guard lifecycle != .finished else { return }
        lifecycle = .finished
        continuation.finish()
        runTask?.cancel()
        deadlines.cancelAll()
        wakePlanWaiters()
    }

    /// Moves an interval's chunk ahead of the queue (work in flight is not interrupted).
    /// Returns the chunk's interval and state, or nil when the interval is past the end. An
    /// interval not planned yet (the video is still arriving) is worked on first once it is.
    public func prioritise(interval: Int) -> (interval: Int, state: IntervalSchedule.State)? {
        guard interval >= 0 else { return nil }
        guard info != nil else {
            planning.pendingPriorities.append(interval)
            return (interval, .queued)
        }
        let start = grid.start(of: interval)
        if !schedule.isPlanComplete, spans.last.map({ start >= $0.end - IntervalGrid.epsilon }) ?? true {
            // Past the chunks planned so far: the chunk holding it comes first once planned.
            planning.wantedTimes.append(start)
            return (interval, .queued)
        }
        guard schedule.isPlanComplete ? interval < grid.count(duration: info?.duration ?? 0) : true,
              let span = IntervalPlanner.chunk(containing: start, in: spans),
              let state = schedule.prioritise(span.index) else { return nil }
        return (interval, state)
    }

    public func prioritise(at seconds: Double) -> (interval: Int, state: IntervalSchedule.State)? {
        guard seconds >= 0 else { return nil }
        return prioritise(interval: grid.interval(at: seconds))
    }

    /// Commentary not yet voiced uses `newVoice`. Returns the lowest interval not yet voiced.
    public func setVoice(_ newVoice: String) async -> Result<Int, ProviderError> {
        do throws(ProviderError) {
            try await providers.synthesizer.checkVoice(newVoice)
        } catch {
            return .failure(error)
        }
        narration.voice = newVoice
        let pending = spans.filter { !narration.voiced.contains($0.index) }.map(\.interval)
        return .success(pending.min() ?? spans.last.map { $0.interval + 1 } ?? 0)
    }

    // MARK: events

    /// Sends an event; once cancelled, only what `cancel` itself says (its `cancelled` is the
    /// terminal event, not a `complete` or an error from work that was still finishing).
    func emit(_ event: ServerEvent, cancelling: Bool = false) {
        guard lifecycle == .running || lifecycle == .stopping && cancelling else { return }
        continuation.yield(redaction.redact(event))
        if event.isTerminal {
            lifecycle = .finished
            continuation.finish()
        }
    }

    func status(_ stage: Stage, _ message: String, step: ProgressMeter.Step? = nil) {
        let value = step.map { progress.complete($0) } ?? progress.reported
        emit(.status(StatusEvent(stage: stage, message: message, progress: value)))
    }

    func url(_ name: String) -> String { configuration.urlPrefix + name }

    /// Runs `body` as urgent work when it is for this session's first chunk (`urgent`, or by
    /// default until the first chunk is out), as background work otherwise (see
    /// `WorkPriority`): sessions sharing the machine get their first chunks first.
    nonisolated func urgencyScoped<T: Sendable>(urgent: Bool? = nil, _ body: @Sendable () async -> T) async -> T {
        let isUrgent: Bool
        // Every chunk of a live session has a deadline.
        if configuration.options.live { isUrgent = true } else if let urgent { isUrgent = urgent } else { isUrgent = await output.firstChunkAt == nil }
        return await WorkPriority.$isUrgent.withValue(isUrgent) { await body() }
    }

    /// One provider call (`what`: "speech"...) in a scope of its own and under the watchdog: its
    /// notices go out as `provider_unavailable` warnings, and `fellBack` says it was answered by
    /// the local provider (not to be cached).
    func providerCall<T: Sendable>(_ what: String, interval: Int, _ call: @escaping @Sendable () async throws(ProviderError) -> T)
        async -> (result: Result<T, ProviderError>, fellBack: Bool) {
        let (result, notices, answeredLocally) = await activity.scoped { () async throws(ProviderError) -> T in
            try await self.guarded(what, timeout: { ProviderError(.permanent, $0) }, call)
        }
        for notice in notices {
            configuration.logger.warning("provider fell back", metadata: ["provider.call": "\(what)", "interval.index": "\(interval)",
                                                                         "provider.notice": "\(redaction.redact(notice.message))"])
            emit(.warning(WarningEvent(code: "provider_unavailable", message: notice.message, interval: interval)))
        }
        if case .failure(let error) = result {
            configuration.logger.warning("provider call failed", metadata: ["provider.call": "\(what)", "interval.index": "\(interval)",
                                                                           "error.retryable": "\(error.isRetryable)",
                                                                           "error.message": "\(redaction.redact(error.message))"])
        }
        return (result, answeredLocally)
    }

    func milliseconds(since instant: ContinuousClock.Instant) -> Int {
        let elapsed = instant - started
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
