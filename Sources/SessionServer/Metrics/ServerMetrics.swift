import Metrics
import SessionModel

/// What the server counts for an operator (`GET /metrics`), through swift-metrics: the
/// executable picks the backend (Prometheus); with none, these record nothing.
final class ServerMetrics: Sendable {
    private let sessions: [SessionMachine.Phase: Meter]
    private let queueLength = Gauge(label: "playbyplay_queue_length")
    private let uploadBytes = Counter(label: "playbyplay_upload_bytes_total")
    private let loopStall = Gauge(label: "playbyplay_event_loop_stall_max_seconds")

    init() {
        let shown: [SessionMachine.Phase] = [.receiving, .waiting, .processing, .finished]
        sessions = Dictionary(uniqueKeysWithValues: shown.map { phase in
            (phase, Meter(label: "playbyplay_sessions", dimensions: [("state", "\(phase)")]))
        })
        // Shown from the start, without resetting what another server in the process counted.
        for meter in sessions.values { meter.increment(by: 0.0) }
    }

    /// A session went from one state to another (nil: it was not counted before, or is not any more).
    func session(from old: SessionMachine.Phase?, to new: SessionMachine.Phase?) {
        guard old != new else { return }
        if let old { sessions[old]?.decrement() }
        if let new { sessions[new]?.increment() }
    }

    /// Sessions waiting for a processing slot.
    func queue(_ length: Int) { queueLength.record(length) }

    func uploaded(_ bytes: Int) { uploadBytes.increment(by: bytes) }

    /// The event loop's longest callback so far.
    func loopStall(milliseconds: Double) { loopStall.record(milliseconds / 1000) }

    /// The cloud services a finished session used: its calls, retries and fallbacks.
    func providers(_ usage: [String: ProviderUsage]) {
        for (service, used) in usage {
            let dimensions = [("service", service)]
            Counter(label: "playbyplay_provider_calls_total", dimensions: dimensions).increment(by: used.calls)
            Counter(label: "playbyplay_provider_retries_total", dimensions: dimensions).increment(by: used.retries)
            Counter(label: "playbyplay_provider_fallbacks_total", dimensions: dimensions).increment(by: used.fallbacks)
        }
    }
}
