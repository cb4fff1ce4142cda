public import SessionModel

/// A cloud detector that falls back to the local one (see `FallbackGate`). It keeps the cloud
/// detector's name, so its results are cached apart; fallback results are not cached.
struct FallbackDetector: EventDetector {
    let cloud: any EventDetector
    let local: any EventDetector
    let gate: FallbackGate

    var name: String { cloud.name }
    var parallelism: Int { cloud.parallelism }

    func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent] {
        try await gate.run { () async throws(ProviderError) in try await cloud.detect(request) }
            local: { () async throws(ProviderError) in try await local.detect(request) }
    }
}
