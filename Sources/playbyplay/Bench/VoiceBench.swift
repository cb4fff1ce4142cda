import ArgumentParser
import Commentary
import Foundation

/// `playbyplay bench voice`: the local voices alone, on commentary lines of the local writer's
/// kind: the neural voice's load time and memory, each line's synthesis time (one at a time,
/// then a chunk's worth in parallel), and espeak-ng's on the same lines.
struct VoiceBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voice", abstract: "The local voices alone: model load, memory, synthesis time per line, neural and espeak-ng.")

    @Option(help: "The neural voice (default: the English default).") var voice: String?
    @Option(help: "The espeak-ng voice to compare with.") var espeakVoice = "en-us"
    @Option(help: "Rounds over the sample lines.") var rounds = 2

    static let lines = [
        "And we're under way here.",
        "Listen to that crowd! Everybody is up, they will remember that.",
        "Nice play. Plenty of energy, near the goal too.",
        "The place erupts! Pure noise now.",
        "What drama here! That is the big one, simply brilliant.",
        "A lovely ball through the middle, the striker takes one touch, and it is in the back of the net.",
    ]

    func run() async throws {
        // As `process` and `serve` run.
        AllocatorSettings.apply()
        let neural = PiperSynthesizer()
        let local = LocalSynthesizer()
        guard let voice = await voice.asyncDefault({ await neural.defaultVoice(language: "en") }) else {
            print("no neural voice: \(NeuralAssets.installHint)")
            throw ExitCode(2)
        }
        let rssBefore = Self.residentMiB()
        var clock = Stopwatch()
        try await neural.checkVoice(voice)
        try await neural.load(voice: voice)
        let load = clock.lap()
        let rssLoaded = Self.residentMiB()
        print(String(format: "neural voice %@: loaded in %.2f s (runtime and model), resident %.0f → %.0f MiB", voice, load.wall, rssBefore, rssLoaded))

        for (name, id) in [("neural", voice), ("espeak-ng", espeakVoice)] {
            var walls: [Double] = [], audio = 0.0
            _ = clock.lap()
            for _ in 0..<rounds {
                for line in Self.lines {
                    let start = Stopwatch()
                    let speech = try await local.speak(line, voice: id, maxDuration: 30, delivery: .calm)
                    walls.append(start.elapsed)
                    audio += speech.duration
                }
            }
            let one = clock.lap()
            let parallel = try await withThrowingTaskGroup(of: Double.self) { group in
                for line in Self.lines { group.addTask { try await local.speak(line, voice: id, maxDuration: 30, delivery: SpeechDelivery(intensity: 0.5)).duration } }
                return try await group.reduce(0, +)
            }
            let together = clock.lap()
            walls.sort()
            print(String(format: "%@: one at a time %d lines, %.1f s of speech in %.2f s (CPU %.2f s): %.0fx real time, per line median %.2f s, max %.2f s",
                         name, walls.count, audio, one.wall, one.cpu, audio / one.wall, walls[walls.count / 2], walls.last ?? 0))
            print(String(format: "%@: %d lines at once (parallelism %d), %.1f s of speech in %.2f s (CPU %.2f s): %.0fx real time",
                         name, Self.lines.count, local.parallelism, parallel, together.wall, together.cpu, parallel / together.wall))
        }
        print(String(format: "peak resident %.0f MiB", Self.peakMiB()))
    }

    static func residentMiB() -> Double { status("VmRSS") }
    static func peakMiB() -> Double { status("VmHWM") }

    private static func status(_ field: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return kb / 1024
    }
}

/// Wall and CPU time since the last lap.
struct Stopwatch {
    private var wall = Date()
    private var cpu = Stopwatch.cpuSeconds()

    var elapsed: Double { Date().timeIntervalSince(wall) }

    mutating func lap() -> (wall: Double, cpu: Double) {
        let now = Date(), cpuNow = Self.cpuSeconds()
        defer { wall = now; cpu = cpuNow }
        return (now.timeIntervalSince(wall), cpuNow - cpu)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

extension Optional where Wrapped: Sendable {
    func asyncDefault(_ fallback: () async -> Wrapped?) async -> Wrapped? {
        if let self { return self }
        return await fallback()
    }
}
