import SessionModel

/// Decides, for one role, whether a call goes to the cloud provider or to the local one: a
/// call the cloud provider fails (after its own retries) is answered locally with a notice,
/// and after a permanent error, or `failuresBeforeLocal` failed calls, the role stays local
/// for the rest of the session.
struct FallbackGate: Sendable {
    let role: ProviderRole
    let service: String
    let localName: String
    let failuresBeforeLocal: Int

    func run<T>(cloud: () async throws(ProviderError) -> T, local: () async throws(ProviderError) -> T) async throws(ProviderError) -> T {
        let activity = ProviderActivity.current
        if let activity, activity.failures(role) >= failuresBeforeLocal {
            activity.markAnsweredLocally()
            return try await local()
        }
        let failure: ProviderError
        do {
            return try await cloud()
        } catch {
            failure = error
        }
        guard !Task.isCancelled else { throw failure }
        let failures = activity?.countFailure(role, permanent: failure.kind == .permanent) ?? 1
        let staysLocal = failure.kind == .permanent || failures >= failuresBeforeLocal
        let scope = staysLocal ? "for the rest of the session" : "for this call"
        activity?.post(ProviderNotice(role: role, message: "\(failure.message); \(role.rawValue) uses \(localName) \(scope)"))
        activity?.record(service) { $0.fallbacks += 1 }
        activity?.markAnsweredLocally()
        return try await local()
    }
}
