import Foundation

/// What one `playbyplay bench` measured: the runs, the media comparison, and the ratios and
/// targets (DESIGN.md "Targets") computed from them.
struct BenchReport: Encodable {
    var video: String
    var videoSeconds: Double
    var interval: Double
    var quick: Bool
    var runs: [RunResult] = []
    var media: MediaComparison?

    enum CodingKeys: String, CodingKey {
        case video, interval, quick, runs, media, ratios
        case videoSeconds = "video_s"
    }

    init(video: String, videoSeconds: Double, interval: Double, quick: Bool) {
        self.video = video
        self.videoSeconds = videoSeconds
        self.interval = interval
        self.quick = quick
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(video, forKey: .video)
        try container.encode(videoSeconds, forKey: .videoSeconds)
        try container.encode(interval, forKey: .interval)
        try container.encode(quick, forKey: .quick)
        try container.encode(runs, forKey: .runs)
        try container.encodeIfPresent(media, forKey: .media)
        try container.encode(Dictionary(uniqueKeysWithValues: ratios.map { ($0.name, $0.value) }), forKey: .ratios)
    }

    func run(_ kind: RunKind, _ providers: ProviderSetting? = nil) -> RunResult? {
        runs.first { $0.kind == kind && (providers == nil || $0.providers == providers) }
    }

    private var providerSettings: [ProviderSetting] {
        runs.map(\.providers).reduce(into: []) { settings, setting in if !settings.contains(setting) { settings.append(setting) } }
    }

    /// Each comparison as "baseline / ours" (above 1: ours is better), or "many / alone" for
    /// sessions (below 2 is the target).
    var ratios: [(name: String, value: Double)] {
        var out: [(String, Double)] = []
        for providers in providerSettings {
            guard let batch = run(.pipeline(batch: true), providers), let streaming = run(.pipeline(batch: false), providers) else { continue }
            if let b = batch.firstChunk, let s = streaming.firstChunk { out.append(("first chunk, batch / streaming, \(providers.label)", b / s)) }
            out.append(("all chunks, batch / streaming, \(providers.label)", batch.total / streaming.total))
        }
        if let media, let theirs = media.theirsWallPerChunk {
            out.append(("media per chunk, ffmpeg command / ours (wall)", theirs / media.oursWallPerChunk))
            if let cpu = media.theirsCPUPerChunk { out.append(("media per chunk, ffmpeg command / ours (CPU)", cpu / media.oursCPUPerChunk)) }
        }
        for many in runs {
            guard case .server(let sessions, let paced) = many.kind, sessions > 1,
                  let alone = run(.server(sessions: 1, pacedMiBPerSecond: paced), many.providers),
                  let first = many.firstChunk, let one = alone.firstChunk else { continue }
            let pace = paced.map { String(format: ", upload paced at %.0f MiB/s", $0) } ?? ""
            out.append(("first chunk, \(sessions) sessions / 1 session, \(many.providers.label)\(pace)", first / one))
        }
        return out
    }

    var rendered: String {
        var lines = [String(format: "video: %@, %.1f s, intervals of %.0f s%@", video, videoSeconds, interval, quick ? " (quick run)" : ""), "",
                     "| run | first chunk | last chunk | total | × real time | CPU | peak RSS | upload |",
                     "|---|---|---|---|---|---|---|---|"]
        for run in runs {
            lines.append("| \(run.name) | \(seconds(run.firstChunk)) | \(seconds(run.lastChunk)) | \(seconds(run.total)) | "
                         + String(format: "%.1fx | %.1f s | %.0f MiB%@ | ", run.realTimeFactor, run.cpuSeconds, run.peakRSSMiB,
                                  run.kind.isServer ? "/session" : "")
                         + (run.uploadMiBPerSecond.map { String(format: "%.0f MiB/s", $0) } ?? "—") + " |")
        }
        if let media { lines += ["", media.table] }
        if !ratios.isEmpty {
            lines += ["", "| ratio | value |", "|---|---|"]
            lines += ratios.map { String(format: "| %@ | %.2f |", $0.name, $0.value) }
        }
        lines += ["", "| target (DESIGN.md) | measured | met |", "|---|---|---|"]
        lines += targets.map { "| \($0.target) | \($0.measured) | \($0.met.map { $0 ? "yes" : "no" } ?? "—") |" }
        return lines.joined(separator: "\n")
    }

    /// The design's targets that this run measured.
    var targets: [(target: String, measured: String, met: Bool?)] {
        var out: [(String, String, Bool?)] = []
        let simulated = runs.first { $0.kind == .pipeline(batch: false) && $0.providers.simulateCloud }
        let local = runs.first { $0.kind == .pipeline(batch: false) && !$0.providers.simulateCloud && !$0.providers.espeakOnly }
        let espeak = runs.first { $0.kind == .pipeline(batch: false) && $0.providers.espeakOnly }
        if let first = simulated?.firstChunk { out.append(("first chunk, simulated cloud: < 8 s", seconds(first), quick ? nil : first < 8)) }
        if let first = local?.firstChunk { out.append(("first chunk, offline, default voice: < 2 s", seconds(first), first < 2)) }
        if let first = espeak?.firstChunk { out.append(("first chunk, offline, espeak-ng: < 3 s", seconds(first), first < 3)) }
        if let total = simulated?.total { out.append(("all chunks, simulated cloud: < 25 s", seconds(total), quick ? nil : total < 25)) }
        if let local {
            // The target is set on a 10 min video: on a shorter one, fixed costs weigh more.
            out.append(("offline, default voice (neural): ≥ 15x real time", String(format: "%.0fx on %.0f s", local.realTimeFactor, videoSeconds),
                        quick ? nil : local.realTimeFactor >= 15))
        }
        if let espeak {
            // The target is set on a 10 min video: on a shorter one, fixed costs weigh more.
            out.append(("offline, espeak-ng, 10 min 720p: > 50x real time", String(format: "%.0fx on %.0f s", espeak.realTimeFactor, videoSeconds),
                        videoSeconds >= 600 ? espeak.realTimeFactor > 50 : nil))
        }
        if let paced = runs.first(where: { if case .server(1, .some) = $0.kind { true } else { false } }),
           let first = paced.firstChunk, let end = paced.uploadEnd {
            out.append(("first chunk before the upload ends", String(format: "%.2f s, upload ended at %.2f s", first, end), first < end))
        }
        if let media, let theirs = media.theirsWallPerChunk {
            let ratio = theirs / media.oursWallPerChunk
            out.append(("media work per chunk: > 20x faster than ffmpeg re-encode", String(format: "%.1fx", ratio), ratio > 20))
        }
        let localProviders = ProviderSetting(simulateCloud: false, latencyScale: 1)
        let pace: Double? = runs.lazy.compactMap { run -> Double? in
            if case .server(_, let paced) = run.kind { return paced } else { return nil }
        }.first
        let paces: [Double?] = pace == nil ? [nil] : [nil, pace]
        for paced in paces {
            guard let eight = run(.server(sessions: 8, pacedMiBPerSecond: paced), localProviders), let many = eight.firstChunk,
                  let one = run(.server(sessions: 1, pacedMiBPerSecond: paced), localProviders)?.firstChunk else { continue }
            let how = paced.map { String(format: ", uploads paced at %.0f MiB/s each", $0) } ?? ", uploads at full speed"
            out.append(("8 sessions at once, each first chunk < 2x alone\(how)", String(format: "%.2fx", many / one), many / one < 2))
        }
        let perSession = runs.filter { if case .server(_, nil) = $0.kind { true } else { false } }.map(\.peakRSSMiB).max()
        if let perSession { out.append(("server memory per session < 64 MiB", String(format: "%.0f MiB", perSession), perSession < 64)) }
        return out
    }

    private func seconds(_ value: Double?) -> String { value.map { String(format: "%.2f s", $0) } ?? "—" }
}
