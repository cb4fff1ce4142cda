public import SessionModel
public import Logging
import Synchronization

/// What the cloud providers did for one session: usage by service, and the notices the
/// session must pass on (a role that fell back to its local provider). The pipeline binds
/// one to `current` for each provider call (`scoped`); providers shared by all sessions
/// report to it. A scope keeps its own notices and passes everything else to the session's.
public final class ProviderActivity: Sendable {
    @TaskLocal public static var current: ProviderActivity?
    private let parent: ProviderActivity?
    /// The session's logger (with its id): the cloud clients say here what they retry.
    public let logger: Logger

    private struct State {
        var usage: [String: ProviderUsage] = [:]
        var notices: [ProviderNotice] = []
        var failures: [String: Int] = [:]
        var answeredLocally = false
    }

    private let state = Mutex(State())

    public init(logger: Logger = Logger(label: "playbyplay.providers")) {
        parent = nil
        self.logger = logger
    }

    private init(parent: ProviderActivity) {
        self.parent = parent
        logger = parent.logger
    }

    /// Runs one provider call with a scope of its own as `current`; returns its result, the
    /// notices it posted (calls running at once never take each other's), and whether a local
    /// provider answered in place of the chosen cloud one (such a result is not to be cached
    /// under the cloud provider's name).
    public func scoped<T>(isolation: isolated (any Actor)? = #isolation, _ call: () async throws(ProviderError) -> T)
        async -> (result: Result<T, ProviderError>, notices: [ProviderNotice], answeredLocally: Bool) {
        let scope = ProviderActivity(parent: self)
        let result: Result<T, ProviderError> = await Self.$current.withValue(scope) {
            do throws(ProviderError) { return .success(try await call()) } catch { return .failure(error) }
        }
        return (result, scope.takeNotices(), scope.state.withLock { $0.answeredLocally })
    }

    public var usage: [String: ProviderUsage] { state.withLock { $0.usage } }

    /// The notices since the last call, oldest first.
    public func takeNotices() -> [ProviderNotice] {
        state.withLock { state in
            defer { state.notices = [] }
            return state.notices
        }
    }

    func record(_ service: String, _ update: (inout ProviderUsage) -> Void) {
        if let parent { return parent.record(service, update) }
        state.withLock { update(&$0.usage[service, default: ProviderUsage()]) }
    }

    func post(_ notice: ProviderNotice) {
        state.withLock { $0.notices.append(notice) }
    }

    /// Notes, in this call's scope, that a local provider answered.
    func markAnsweredLocally() {
        state.withLock { $0.answeredLocally = true }
    }

    /// Counts a failed call of `role` (a permanent failure counts as all the failures a role
    /// may have); returns the failures so far in this session.
    func countFailure(_ role: ProviderRole, permanent: Bool) -> Int {
        if let parent { return parent.countFailure(role, permanent: permanent) }
        return state.withLock { state in
            let count = permanent ? Int.max / 2 : state.failures[role.rawValue, default: 0] + 1
            state.failures[role.rawValue] = count
            return count
        }
    }

    func failures(_ role: ProviderRole) -> Int {
        if let parent { return parent.failures(role) }
        return state.withLock { $0.failures[role.rawValue] ?? 0 }
    }
}

public enum ProviderRole: String, Sendable {
    case detection, writing, speech
}

/// A role answered by its local provider instead of the chosen cloud one.
public struct ProviderNotice: Sendable, Equatable {
    public var role: ProviderRole
    public var message: String
}
