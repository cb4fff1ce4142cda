import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Metrics
import Prometheus
import Testing
import TestSupport
@testable import SessionServer

/// `GET /metrics`: the server's counts in Prometheus text format, from a real session.
@Suite(.timeLimit(.minutes(10))) struct MetricsTests {
    /// The process's one metrics backend (swift-metrics takes one bootstrap per process).
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    @Test func aSessionShowsInTheMetrics() async throws {
        let registry = Self.registry
        var configuration = ServerHarness.configuration()
        configuration.metricsText = { registry.emitToBuffer() }
        let clip = try ServerHarness.clip.get()
        try await ServerHarness.with(configuration) { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start()
            try await client.upload()
            await client.read()
            #expect(client.types.last == "complete")
            let (body, response) = try await http(server.port, "/metrics")
            #expect(response.statusCode == 200)
            #expect(response.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(decoding: body, as: UTF8.self)
            for name in ["playbyplay_sessions", "playbyplay_queue_length", "playbyplay_upload_bytes_total",
                         "playbyplay_first_chunk_seconds_bucket", "playbyplay_chunk_latency_seconds_count",
                         "playbyplay_event_loop_stall_max_seconds"] {
                #expect(text.contains(name), "\(name) in /metrics")
            }
            // Other suites may run sessions alongside: at least this one is counted.
            #expect(Self.value(#"playbyplay_sessions{state="finished"}"#, in: text).map { $0 >= 1 } == true, "\(text)")
            #expect(Self.value("playbyplay_upload_bytes_total", in: text).map { $0 >= Double(client.file.count) } == true)
            #expect(Self.value("playbyplay_chunk_latency_seconds_count", in: text).map { $0 >= 2 } == true)
        }
    }

    @Test func withoutABackendTheEndpointSaysSo() async throws {
        try await ServerHarness.with { server in
            let (_, response) = try await http(server.port, "/metrics")
            #expect(response.statusCode == 404)
        }
    }

    /// The value of the sample line that starts with `name` (a metric and its labels).
    static func value(_ name: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }
}
