import CurlHTTP
import Foundation
import Logging
import Media
import SessionModel
import Testing
import TestSupport
@testable import Commentary

/// The shared policy: retries, Retry-After, permanent errors, the limit on calls in flight,
/// usage counters.
@Suite(.timeLimit(.minutes(10))) struct CloudClientTests {
    private func client(_ policy: CloudPolicy = .quick) -> CloudClient {
        CloudClient(service: "openai", keyVariable: "OPENAI_API_KEY", policy: policy)
    }

    /// Sends one request in a session scope; returns the outcome and the session's usage.
    private func send(_ client: CloudClient, _ request: HTTPRequest) async -> (Result<HTTPResponse, ProviderError>, ProviderUsage) {
        let activity = ProviderActivity()
        let (result, _, _) = await activity.scoped { () throws(ProviderError) in try await client.send(request, setting: "the model 'm'") }
        return (result, activity.usage["openai"] ?? ProviderUsage())
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        try await withServer(echoServer) { server in
            server.knobs.failNext(2, status: 503)
            let (result, usage) = await send(client(), HTTPRequest(url: server.baseURL + "/x"))
            let response = try result.get()
            #expect(response.status == 200)
            #expect(server.requests.count == 3)
            #expect(usage.calls == 3 && usage.retries == 2, "\(usage)")
            #expect(usage.bytesReceived > 0)
        }
    }

    @Test func retriesAreLoggedWithTheSessionsMetadata() async throws {
        try await withServer(echoServer) { server in
            server.knobs.failNext(1, status: 503)
            let log = CapturedLog()
            let activity = ProviderActivity(logger: log.logger(metadata: ["session.id": "s_test"]))
            let (result, _, _) = await activity.scoped { () throws(ProviderError) in
                try await client().send(HTTPRequest(url: server.baseURL + "/x"), setting: "the model 'm'")
            }
            #expect((try? result.get())?.status == 200)
            let retried = log.lines.filter { $0.message == "provider call retried" }
            #expect(retried.count == 1)
            #expect(retried.first?.metadata["provider.service"] == "openai")
            #expect(retried.first?.metadata["session.id"] == "s_test")
            #expect(retried.first?.metadata["retry.reason"]?.hasPrefix("503") == true)
        }
    }

    @Test func honoursRetryAfter() async throws {
        try await withServer(echoServer) { server in
            server.knobs.rateLimitNext(1, retryAfter: 1)
            let clock = ContinuousClock()
            let started = clock.now
            let (result, usage) = await send(client(), HTTPRequest(url: server.baseURL + "/x"))
            let response = try result.get()
            #expect(response.status == 200)
            #expect(clock.now - started >= .milliseconds(950), "retried before Retry-After")
            #expect(usage.retries == 1)
        }
    }

    @Test func retriesDroppedConnectionsAndTimeouts() async throws {
        try await withServer(echoServer) { server in
            server.knobs.dropNext(1)
            server.knobs.slowNext(1, seconds: 5)
            var policy = CloudPolicy.quick
            policy.timeout = .milliseconds(500)
            let (result, usage) = await send(client(policy), HTTPRequest(url: server.baseURL + "/x"))
            let response = try result.get()
            #expect(response.status == 200)
            #expect(usage.calls == 3 && usage.retries == 2, "\(usage)")
        }
    }

    @Test func givesUpAfterTheLastAttempt() async throws {
        try await withServer(echoServer) { server in
            server.knobs.failNext(10)
            let (result, usage) = await send(client(), HTTPRequest(url: server.baseURL + "/x"))
            let error = try #require(result.error)
            #expect(error.kind == .transient)
            #expect(error.message.contains("unavailable after 4 attempts"), "\(error)")
            #expect(server.requests.count == 4 && usage.retries == 3)
        }
    }

    @Test(arguments: [401, 403]) func aRejectedKeyIsPermanentAndNamesTheVariable(status: Int) async throws {
        try await withServer(echoServer) { server in
            server.knobs.failNext(1, status: status)
            let (result, _) = await send(client(), HTTPRequest(url: server.baseURL + "/x"))
            let error = try #require(result.error)
            #expect(error.kind == .permanent)
            #expect(error.message.contains("OPENAI_API_KEY was rejected by openai (\(status))"), "\(error)")
            #expect(server.requests.count == 1)
        }
    }

    @Test(arguments: [400, 404]) func aBadRequestIsPermanentAndNamesTheSetting(status: Int) async throws {
        try await withServer(echoServer) { server in
            server.knobs.failNext(1, status: status)
            let (result, _) = await send(client(), HTTPRequest(url: server.baseURL + "/x"))
            let error = try #require(result.error)
            #expect(error.kind == .permanent)
            #expect(error.message.contains("check the model 'm'") && error.message.contains("injected failure"), "\(error)")
            #expect(server.requests.count == 1)
        }
    }

    @Test func atMostFiveCallsInFlight() async throws {
        try await withServer(echoServer) { server in
            server.knobs.latency = 0.3
            let client = client()
            let statuses = await withTaskGroup(of: Int.self) { group in
                for i in 0..<12 {
                    group.addTask { (try? await client.send(HTTPRequest(url: server.baseURL + "/\(i)"), setting: "")).map(\.status) ?? 0 }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 12))
            #expect(server.peakInFlight <= 5 && server.peakInFlight >= 2, "peak \(server.peakInFlight)")
            #expect(client.limiter.peak == 5)
        }
    }

    @Test func aCancelledWaiterLeavesTheLineAtOnce() async throws {
        try await withServer(echoServer) { server in
            // Long enough for a loaded shared run to cancel the waiter first.
            server.knobs.latency = 20
            var policy = CloudPolicy.quick
            policy.maxInFlight = 1
            policy.timeout = .seconds(40)
            let client = client(policy)
            let holderDone = Flag()
            let holder = Task {
                defer { holderDone.raise() }
                return try await client.send(HTTPRequest(url: server.baseURL + "/a"), setting: "")
            }
            try await eventually("the first request holding the limiter") { client.limiter.peak >= 1 }
            let waiter = Task { try await client.send(HTTPRequest(url: server.baseURL + "/b"), setting: "") }
            try await eventually("the second request waiting") { client.limiter.waitingCount >= 1 }
            waiter.cancel()
            let result = await waiter.result
            // Not a time bound (the machine may be busy): the waiter is back while the holder still holds.
            #expect(!holderDone.isRaised, "the waiter stayed in line until the holder left")
            #expect((result.error as? ProviderError)?.message.contains("cancelled") == true, "\(result)")
            #expect(server.requests.map(\.path) == ["/a"], "the cancelled waiter was sent")
            #expect(try await holder.value.status == 200)
            #expect(server.requests.count == 1)
        }
    }

    @Test func backoffGrowsWithJitterAndRetryAfterWins() {
        var policy = CloudPolicy()
        policy.baseDelay = .milliseconds(100)
        policy.maxDelay = .seconds(1)
        for retry in 1...3 {
            let delay = policy.delay(beforeRetry: retry, retryAfter: nil)
            let full = Duration.milliseconds(100) * (1 << (retry - 1))
            #expect(delay >= full / 2 && delay <= full, "retry \(retry): \(delay)")
        }
        #expect(policy.delay(beforeRetry: 9, retryAfter: nil) == .seconds(1))
        #expect(policy.delay(beforeRetry: 1, retryAfter: .milliseconds(700)) == .milliseconds(700))
        #expect(CloudClient.retryAfter("2") == .seconds(2))
        #expect(CloudClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == .zero)
    }

    private actor Order {
        var names: [String] = []
        func add(_ name: String) { names.append(name) }
    }

    @Test func urgentWaitersGoBeforeEarlierBackgroundOnes() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        #expect(await limiter.acquire())
        let order = Order()
        var waiters = 0
        for (name, urgent) in [("later chunk 1", false), ("later chunk 2", false), ("first chunk", true)] {
            Task {
                await WorkPriority.$isUrgent.withValue(urgent) {
                    if await limiter.acquire() { await order.add(name) }
                }
            }
            waiters += 1
            try await eventually("\(waiters) waiting") { limiter.waitingCount >= waiters }
        }
        for released in 1...3 {
            limiter.release()
            try await eventually("\(released) released") { await order.names.count >= released }
        }
        limiter.release()
        #expect(await order.names == ["first chunk", "later chunk 1", "later chunk 2"])
        #expect(limiter.peak == 1)
    }
}
