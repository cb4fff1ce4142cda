import Foundation
import Commentary
import Media
import Pipeline
import SessionModel

/// Opens once; whoever waits before then waits, whoever comes after passes.
actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting.removeAll()
    }
}

/// A detector that reports one event per interval, in the order it is asked; knobs: a gate
/// per interval, and failures to throw on the next calls.
actor FakeDetector: EventDetector {
    nonisolated let name: String
    private(set) var calls: [Int] = []
    private var gates: [Int: Gate] = [:]
    private var failures: [ProviderError] = []
    private var failForever: ProviderError?
    /// The kind of the one event per interval.
    private let kind: String

    init(name: String = "fake", kind: String = DetectedEvent.crowdPeak) {
        self.name = name
        self.kind = kind
    }

    func hold(_ interval: Int, at gate: Gate) { gates[interval] = gate }
    func failNext(_ errors: [ProviderError]) { failures = errors }
    func failAlways(_ error: ProviderError) { failForever = error }

    func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent] {
        calls.append(request.interval)
        if let gate = gates[request.interval] { await gate.wait() }
        if let error = failForever { throw error }
        if !failures.isEmpty { throw failures.removeFirst() }
        return [DetectedEvent(t: request.start + 1, kind: kind, confidence: 0.8, label: "fake")]
    }
}

/// One line per stretch, at its start (`words` begin it); a gate per interval.
actor FakeWriter: CommentaryWriter {
    nonisolated let name = "fake"
    nonisolated let languages = ["en"]
    private var gates: [Int: Gate] = [:]
    private let words: String

    init(words: String = "Line") {
        self.words = words
    }

    func hold(_ interval: Int, at gate: Gate) { gates[interval] = gate }

    func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
        if let gate = gates[request.interval] { await gate.wait() }
        return [CommentaryLine(start: request.earliest, end: request.earliest + 1, text: "\(words) for interval \(request.interval).")]
    }
}

/// Half a second of tone per line; knob: fail lines containing a word.
actor FakeSynthesizer: SpeechSynthesizer {
    nonisolated let name = "fake"
    private(set) var spokenWith: [String] = []
    /// The delivery's language at each call.
    private(set) var languages: [String?] = []
    private var failing: String?

    func fail(containing word: String) { failing = word }

    func voices() async -> [Voice] { ["v1", "v2"].map { Voice(id: $0, language: "en", provider: "fake") } }
    nonisolated func wordsPerSecond(voice: String) -> Double { 2.5 }

    func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
        if let failing, text.contains(failing) { throw ProviderError(.transient, "fake speech failure") }
        spokenWith.append(voice)
        languages.append(delivery.language)
        let samples = (0..<22_050).map { Float(sin(Double($0) * 2 * .pi * 800 / 44_100)) * 0.3 }
        return Speech(samples: samples, text: text)
    }
}

/// The real assembler, failing on purpose for chosen chunks, or hanging (blocking its thread
/// for `hang`, then failing) on others.
struct FaultyAssembler: ChunkAssembling {
    let real: any ChunkAssembling
    let failing: Set<Int>
    var hanging: Set<Int> = []
    var hang: TimeInterval = 4

    func assemble(_ span: ChunkSpan, speech: [SpeechClip]) throws(MediaError) -> ChunkFiles {
        if failing.contains(span.index) { throw MediaError(.io, "injected failure for chunk \(span.index)") }
        if hanging.contains(span.index) {
            Thread.sleep(forTimeInterval: hang)
            throw MediaError(.io, "injected hang for chunk \(span.index)")
        }
        return try real.assemble(span, speech: speech)
    }
}
