/// One measured run: a pipeline run in a child process, or the sessions of a server run.
struct RunResult: Codable {
    var name: String
    /// Seconds from the start to the first and the last playable chunk (for the batch
    /// baseline both are the end: it delivered one file when everything was done).
    var firstChunk: Double?
    var lastChunk: Double?
    var total: Double
    var videoSeconds: Double
    var cpuSeconds: Double
    var peakRSSMiB: Double
    var chunks: Int
    var uploadMiBPerSecond: Double?
    /// Seconds from the start to the upload's last acknowledgement (server runs).
    var uploadEnd: Double?

    var realTimeFactor: Double { total > 0 ? videoSeconds / total : 0 }

    enum CodingKeys: String, CodingKey {
        case name, total, chunks
        case firstChunk = "first_chunk_s", lastChunk = "last_chunk_s", videoSeconds = "video_s", cpuSeconds = "cpu_s"
        case peakRSSMiB = "peak_rss_mib", uploadMiBPerSecond = "upload_mib_per_s", uploadEnd = "upload_end_s"
    }
}

/// Which providers a benchmark run uses.
struct ProviderSetting: Codable, Equatable {
    var simulateCloud: Bool
    var latencyScale: Double

    var label: String { simulateCloud ? (latencyScale == 1 ? "simulated cloud" : "simulated cloud ×\(latencyScale)") : "local" }

    var arguments: [String] {
        simulateCloud ? ["--simulate-cloud", "--simulated-latency-scale", "\(latencyScale)"] : []
    }
}
