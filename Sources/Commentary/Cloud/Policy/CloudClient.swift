import CurlHTTP
import Foundation
import SessionModel
import Logging

/// The shared base of the cloud providers: one per service, holding its key's name, its
/// limiter and its policy. It sends a request with at most `maxInFlight` in flight, retries
/// 429, 5xx and lost or timed-out transfers with backoff (honouring Retry-After), and turns
/// what cannot be retried into a permanent error naming the key or setting at fault. Every
/// call, retry and byte is counted in the session's `ProviderActivity`.
final class CloudClient: Sendable {
    /// The name in stats and messages ("gemini").
    let service: String
    /// The environment variable the key came from, named when the key is rejected.
    let keyVariable: String
    let policy: CloudPolicy
    let limiter: ConcurrencyLimiter
    /// Calls worth making at once: the limit.
    var parallelism: Int { policy.maxInFlight }
    private let http = HTTPClient()

    init(service: String, keyVariable: String, policy: CloudPolicy) {
        self.service = service
        self.keyVariable = keyVariable
        self.policy = policy
        limiter = ConcurrencyLimiter(limit: policy.maxInFlight)
    }

    /// Sends `request` until it succeeds (2xx) or fails for good. `setting` names what a 400
    /// or 404 most likely points at ("the model gemini-2.5-flash (GEMINI_MODEL)").
    func send(_ request: HTTPRequest, setting: String) async throws(ProviderError) -> HTTPResponse {
        var request = request
        request.connectTimeout = policy.connectTimeout
        request.timeout = policy.timeout
        let activity = ProviderActivity.current
        var attempt = 1
        while true {
            guard await limiter.acquire() else { throw ProviderError(.transient, "\(service): the call was cancelled") }
            let outcome: Result<HTTPResponse, CurlError>
            do { outcome = .success(try await http.perform(request)) } catch { outcome = .failure(error) }
            limiter.release()
            let sent = Int(request.body.size ?? 0)
            activity?.record(service) { $0.calls += 1; $0.bytesSent += sent }
            let verdict = judge(outcome, setting: setting)
            switch verdict {
            case .success(let response):
                activity?.record(service) { $0.bytesReceived += response.body.count }
                return response
            case .permanent(let message):
                throw ProviderError(.permanent, message)
            case .retry(let message, let retryAfter):
                guard attempt < policy.attempts, !Task.isCancelled else {
                    throw ProviderError(.transient, "\(service) unavailable after \(attempt) attempts: \(message)")
                }
                activity?.record(service) { $0.retries += 1 }
                activity?.logger.info("provider call retried", metadata: ["provider.service": "\(service)", "retry.attempt": "\(attempt)",
                                                                         "retry.reason": "\(message)"])
                try? await Task.sleep(for: policy.delay(beforeRetry: attempt, retryAfter: retryAfter))
                attempt += 1
            }
        }
    }

    enum Verdict {
        case success(HTTPResponse)
        case retry(String, retryAfter: Duration?)
        case permanent(String)
    }

    func judge(_ outcome: Result<HTTPResponse, CurlError>, setting: String) -> Verdict {
        let response: HTTPResponse
        switch outcome {
        case .success(let reply): response = reply
        case .failure(let error) where error.reason == .cancelled: return .permanent("\(service): \(error.message)")
        case .failure(let error) where error.isTransient: return .retry(error.message, retryAfter: nil)
        case .failure(let error): return .permanent("\(service): \(error.message) (check the service's base URL)")
        }
        let status = response.status
        let detail = CloudErrorBody.message(response.body) ?? "HTTP \(status)"
        switch status {
        case 200..<300: return .success(response)
        case 408, 429, 500..<600: return .retry("\(status) \(detail)", retryAfter: Self.retryAfter(response.header("retry-after")))
        case 401, 403: return .permanent("\(keyVariable) was rejected by \(service) (\(status)): \(detail)")
        // Gemini answers a bad key with 400 INVALID_ARGUMENT "API key not valid".
        case 400 where detail.localizedCaseInsensitiveContains("api key"):
            return .permanent("\(keyVariable) was rejected by \(service) (\(status)): \(detail)")
        default: return .permanent("\(service) refused the request (\(status)); check \(setting): \(detail)")
        }
    }

    /// Retry-After as seconds or as an HTTP date.
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return .milliseconds(Int(max(0, seconds) * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int(max(0, date.timeIntervalSinceNow) * 1000))
    }
}
