import AsyncAlgorithms
import Commentary
import Media
import SessionModel

extension Pipeline {
    /// One detection worker. Workers run in parallel, but their chunks go on in the order they
    /// were taken (`relay`), so chunks are delivered in schedule order.
    func detectLoop(into relay: OrderedRelay<DetectedChunk>) async {
        while !Task.isCancelled, let (ticket, span) = await takeNextTicketed() {
            output.beginChunk(span.index, at: .now)
            if deadlines.isLate(span.index) {
                // Went out at its deadline without commentary: nothing to detect it for.
                await relay.deliver(ticket, DetectedChunk(span: span, events: []))
                continue
            }
            status(.analyzing, "detecting events in interval \(span.interval)")
            // Only the first chunk taken is urgent: the second worker's chunk can wait.
            let (events, detector) = await detect(span, urgent: ticket == 0)
            output.detected += events
            emit(.eventsDetected(EventsDetectedEvent(interval: span.interval, start: span.start, end: span.end,
                                                     events: events, detector: detector)))
            status(.analyzing, "interval \(span.interval): \(events.count) events", step: .detected)
            await relay.deliver(ticket, DetectedChunk(span: span, events: events))
        }
    }

    /// The next chunk with the order it was taken in.
    private func takeNextTicketed() async -> (Int, ChunkSpan)? {
        guard let span = await takeNext() else { return nil }
        defer { ticketsIssued += 1 }
        return (ticketsIssued, span)
    }

    /// Detection with its cache and retry policy: transient failures are retried with
    /// exponential backoff; after the last attempt (or a permanent failure) the interval gets
    /// no events and a `detection_failed` warning. Also says which detector answered.
    func detect(_ span: ChunkSpan, urgent: Bool) async -> (events: [DetectedEvent], detector: String?) {
        guard let info else { return ([], nil) }
        // Told by an earlier run of the session: the same events (its cache may be elsewhere).
        if let told = prior.detected[span.interval] { return (told.events, told.detector) }
        let content = configuration.contentKey
        if let cached = caches.detection(content: content, start: span.start, end: span.end, detector: providers.detector.cacheKey) {
            return (cached, providers.detector.name)
        }
        // The first interval taken goes to the quick detector, when there is one.
        let detector = urgent ? providers.startDetector ?? providers.detector : providers.detector
        if detector.name != providers.detector.name,
           let cached = caches.detection(content: content, start: span.start, end: span.end, detector: detector.cacheKey) {
            return (cached, detector.name)
        }
        let request = DetectionRequest(source: configuration.media, info: info, interval: span.interval, start: span.start, end: span.end,
                                       logger: configuration.logger,
                                       lookAhead: configuration.options.live ? configuration.live.lookAhead : nil)
        var delay = configuration.retryDelay
        var lastError = ProviderError(.transient, "no attempt made")
        retrying: for attempt in 1...max(1, configuration.detectionAttempts) {
            let (result, fellBack) = await urgencyScoped(urgent: urgent) {
                await self.providerCall("event detection", interval: span.interval) { () async throws(ProviderError) in
                    try await detector.detect(request)
                }
            }
            switch result {
            case .success(let events):
                if fellBack { return (events, CommentaryProviders.local.detector.name) }
                caches.storeDetection(events, content: content, start: span.start, end: span.end, detector: detector.cacheKey)
                return (events, detector.name)
            case .failure(let error):
                lastError = error
                guard error.isRetryable, attempt < configuration.detectionAttempts, !Task.isCancelled else { break retrying }
                try? await Task.sleep(for: delay)
                delay *= 2
            }
        }
        if !Task.isCancelled {
            emit(.warning(WarningEvent(code: "detection_failed", message: lastError.message, interval: span.interval)))
        }
        return ([], nil)
    }
}
