import ArgumentParser
import Commentary

/// Which providers a run uses (shared by `serve` and `process`).
struct ProviderOptions: ParsableArguments {
    @Flag(help: "Run the local providers behind the cloud latencies the replaced tool measured (detection 8 s, writing 3 s, speech 3 s, ±20%, 5 calls at a time), to measure offline what streaming gains.")
    var simulateCloud = false

    @Option(help: ArgumentHelp("Multiplies the simulated latencies (quick benchmark runs).", visibility: .hidden))
    var simulatedLatencyScale: Double = 1

    func validate() throws {
        guard simulatedLatencyScale > 0, simulatedLatencyScale <= 10 else {
            throw ValidationError("--simulated-latency-scale must be in (0, 10]")
        }
    }

    var providers: CommentaryProviders {
        simulateCloud ? .simulatedCloud(latencyScale: simulatedLatencyScale) : .local
    }
}
