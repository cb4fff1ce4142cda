extension SessionMachine {
    /// Numbers an event, writes it, then sends it; the terminal event closes the socket and ends the session.
    public mutating func record(_ event: ServerEvent) -> [Action] {
        guard phase != .halted, restarted?.holds(event) != true, let entry = log.append(event) else { return [] }
        var actions: [Action] = [.persist(entry)]
        if let line = SessionLogLine.of(event, chunksSoFar: chunksReady) { actions.append(.log(line)) }
        if case .chunkReady = event { chunksReady += 1 }
        if let attached {
            actions.append(.send(attached, .event(entry)))
            if event.isTerminal { actions.append(.close(attached, .terminal, "session finished")) }
        }
        if event.isTerminal {
            phase = .finished
            actions.append(.ended)
        }
        return actions
    }

    /// What a log from an earlier server run holds, so that the restarted pipeline's repeats
    /// of it are not numbered twice.
    struct Replayed: Sendable {
        var identities: Set<String>
        var progress: Double

        init(_ log: EventLog) {
            identities = Set(log.entries.compactMap { Self.identity($0.event) })
            progress = log.entries.compactMap { if case .status(let s) = $0.event { s.progress } else { nil } }.max() ?? 0
        }

        /// A status no further on than the log got, or an event the log holds.
        func holds(_ event: ServerEvent) -> Bool {
            if case .status(let status) = event { return status.progress <= progress && status.stage != .queued }
            guard let identity = Self.identity(event) else { return false }
            return identities.contains(identity)
        }

        /// What makes an event the same event when a restarted pipeline sends it again.
        static func identity(_ event: ServerEvent) -> String? {
            switch event {
            case .mediaInfo(let e): "media_info:\(e.isFinal)"
            case .poster: "poster"
            case .eventsDetected(let e): "events_detected:\(e.interval)"
            case .commentaryReady(let e): "commentary_ready:\(e.index)"
            case .chunkReady(let e): "chunk_ready:\(e.index)"
            case .warning(let e): "warning:\(e.code):\(e.interval ?? -1)"
            case .error(let e): "error:\(e.code):\(e.index ?? -1)"
            default: nil
            }
        }
    }
}
