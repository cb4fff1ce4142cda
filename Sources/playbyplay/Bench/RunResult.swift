import Foundation

/// What a run was: the pipeline in a child process (the batch baseline or streaming), or a
/// server with sessions uploading at full speed or at a paced rate.
enum RunKind: Equatable {
    case pipeline(batch: Bool)
    case server(sessions: Int, pacedMiBPerSecond: Double?)

    var isServer: Bool { if case .server = self { true } else { false } }

    /// The run's name in tables and messages, e.g. "server, 8 sessions, local".
    func name(_ providers: ProviderSetting) -> String {
        switch self {
        case .pipeline(let batch):
            return "\(batch ? "batch" : "streaming"), \(providers.label)"
        case .server(let sessions, let paced):
            let pace = paced.map { String(format: ", upload paced at %.0f MiB/s", $0) } ?? ""
            return "server, \(sessions) session\(sessions == 1 ? "" : "s"), \(providers.label)\(pace)"
        }
    }
}

/// One measured run: a pipeline run in a child process, or the sessions of a server run.
struct RunResult: Encodable {
    var kind: RunKind
    var providers: ProviderSetting
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

    var name: String { kind.name(providers) }

    enum CodingKeys: String, CodingKey {
        case name, mode, sessions, providers, total, chunks
        case pacedUpload = "upload_paced_mib_per_s"
        case firstChunk = "first_chunk_s", lastChunk = "last_chunk_s", videoSeconds = "video_s", cpuSeconds = "cpu_s"
        case peakRSSMiB = "peak_rss_mib", uploadMiBPerSecond = "upload_mib_per_s", uploadEnd = "upload_end_s"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(providers.label, forKey: .providers)
        switch kind {
        case .pipeline(let batch):
            try container.encode(batch ? "batch" : "streaming", forKey: .mode)
        case .server(let sessions, let paced):
            try container.encode("server", forKey: .mode)
            try container.encode(sessions, forKey: .sessions)
            try container.encodeIfPresent(paced, forKey: .pacedUpload)
        }
        try container.encodeIfPresent(firstChunk, forKey: .firstChunk)
        try container.encodeIfPresent(lastChunk, forKey: .lastChunk)
        try container.encode(total, forKey: .total)
        try container.encode(videoSeconds, forKey: .videoSeconds)
        try container.encode(cpuSeconds, forKey: .cpuSeconds)
        try container.encode(peakRSSMiB, forKey: .peakRSSMiB)
        try container.encode(chunks, forKey: .chunks)
        try container.encodeIfPresent(uploadMiBPerSecond, forKey: .uploadMiBPerSecond)
        try container.encodeIfPresent(uploadEnd, forKey: .uploadEnd)
    }
}

/// Which providers a benchmark run uses. Local runs speak with the default voice (the neural
/// one where installed) unless `espeakOnly`.
struct ProviderSetting: Equatable {
    var simulateCloud: Bool
    var latencyScale: Double
    var espeakOnly = false

    var label: String {
        simulateCloud ? (latencyScale == 1 ? "simulated cloud" : "simulated cloud ×\(latencyScale)") : espeakOnly ? "local, espeak-ng" : "local"
    }

    var arguments: [String] {
        (simulateCloud ? ["--simulate-cloud", "--simulated-latency-scale", "\(latencyScale)"] : []) + (espeakOnly ? ["--speech", "espeak"] : [])
    }
}
