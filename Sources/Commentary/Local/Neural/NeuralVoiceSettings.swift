import Foundation

/// How the neural voices use the machine: `cores` lines at once across the process (each run
/// on `intraOpThreads` threads), from the cores the process may use. `PLAYBYPLAY_NEURAL_THREADS`
/// sets the threads of one run (default 1: lines in parallel beat one line on two threads).
struct NeuralVoiceSettings: Sendable, Equatable {
    var cores: Int
    var intraOpThreads: Int
    /// ONNX Runtime's CPU arena, which keeps a run's memory for the next: without it each run
    /// maps and faults in its ~50 MB of activations afresh, 60% more CPU for the same speech
    /// (`bench voice`), for ~40 MB less peak. On by default; `PLAYBYPLAY_NEURAL_ARENA=0` turns
    /// it off.
    var memoryArena = true

    var parallelism: Int { max(1, cores / max(1, intraOpThreads)) }

    static let current: NeuralVoiceSettings = {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let threads = ProcessInfo.processInfo.environment["PLAYBYPLAY_NEURAL_THREADS"].flatMap(Int.init) ?? 1
        let arena = ProcessInfo.processInfo.environment["PLAYBYPLAY_NEURAL_ARENA"] != "0"
        return NeuralVoiceSettings(cores: cores, intraOpThreads: min(max(1, threads), cores), memoryArena: arena)
    }()

    /// Neural runs in flight in the whole process, urgent (first-chunk) lines first.
    static let runs = ConcurrencyLimiter(limit: current.parallelism)
}
