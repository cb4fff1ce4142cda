import AsyncAlgorithms
import Foundation
import Testing
import Commentary
import Media
import SessionModel
@testable import Pipeline

/// How the stages overlap: parallel speech within a chunk, writers that run ahead, the batch
/// order of the benchmark baseline, and the ordered stage they are built on.
@Suite(.timeLimit(.minutes(10))) struct StageConcurrencyTests {
    /// Three lines per stretch; with `parallelism` 2 it may be asked for the next stretch while
    /// one is in flight. Knob: always say the same first line (to provoke repeats).
    actor ThreeLineWriter: CommentaryWriter {
        nonisolated let name = "three"
        nonisolated let languages = ["en"]
        nonisolated let parallelism: Int
        let repeating: Bool

        init(parallelism: Int = 1, repeating: Bool = false) {
            self.parallelism = parallelism
            self.repeating = repeating
        }

        func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
            try? await Task.sleep(for: .milliseconds(30))
            let first = repeating && !request.alreadySaid.contains("What a start.") ? "What a start." : "Interval \(request.interval) begins."
            let step = (request.latest - request.earliest) / 3
            return [first, "Interval \(request.interval), middle.", "Interval \(request.interval), end."].enumerated().map {
                CommentaryLine(start: request.earliest + Double($0.offset) * step, end: request.earliest + Double($0.offset) * step + 0.5,
                               text: $0.element)
            }
        }
    }

    /// Speaks slowly, several lines at once, and records the most in flight.
    actor SlowSynthesizer: SpeechSynthesizer {
        nonisolated let name = "slow"
        nonisolated let parallelism: Int
        private var now = 0
        private(set) var most = 0

        init(parallelism: Int) { self.parallelism = parallelism }

        func voices() async -> [Voice] { [Voice(id: "v1", language: "en", provider: "slow")] }
        nonisolated func wordsPerSecond(voice: String) -> Double { 2.5 }

        func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
            now += 1
            most = max(most, now)
            try? await Task.sleep(for: .milliseconds(40))
            now -= 1
            return Speech(samples: [Float](repeating: 0.1, count: 4_410), text: text)
        }
    }

    @Test func linesOfAChunkAreSpokenAtOnceAndAnnouncedInOrder() async throws {
        let synthesizer = SlowSynthesizer(parallelism: 3)
        let run = try PipelineRun(providers: CommentaryProviders(detector: FakeDetector(), writer: ThreeLineWriter(), synthesizer: synthesizer))
        let events = await run.run()
        #expect(events.chunkIndices == [0, 1, 2, 3])
        #expect(await synthesizer.most >= 3)
        let lines = events.commentary
        #expect(lines.count == 12)
        #expect(lines.map(\.index) == Array(0..<12))
        for interval in 0..<4 {
            let starts = lines.filter { $0.interval == interval }.map(\.start)
            #expect(starts == starts.sorted())
        }
    }

    @Test func aWriterThatRunsAheadNeverRepeatsALine() async throws {
        let writer = ThreeLineWriter(parallelism: 2, repeating: true)
        let run = try PipelineRun(providers: CommentaryProviders(detector: FakeDetector(), writer: writer, synthesizer: SlowSynthesizer(parallelism: 1)))
        let events = await run.run()
        let texts = events.commentary.map(\.text)
        #expect(Set(texts).count == texts.count)
        #expect(texts.filter { $0 == "What a start." }.count == 1)
        #expect(events.chunkIndices == [0, 1, 2, 3])
    }

    @Test func batchOrderFinishesEachStageBeforeTheNext() async throws {
        let run = try PipelineRun(providers: CommentaryProviders(detector: FakeDetector(), writer: FakeWriter(), synthesizer: FakeSynthesizer())) {
            $0.stageOrder = .batch
        }
        let events = await run.run()
        let types = events.map(\.type)
        let lastDetected = try #require(types.lastIndex(of: "events_detected"))
        let firstLine = try #require(types.firstIndex(of: "commentary_ready"))
        let lastLine = try #require(types.lastIndex(of: "commentary_ready"))
        let firstChunk = try #require(types.firstIndex(of: "chunk_ready"))
        #expect(lastDetected < firstLine)
        #expect(lastLine < firstChunk)
        #expect(events.chunkIndices == [0, 1, 2, 3])
        #expect(types.last == "complete")
    }

    /// Records whether each interval's detection ran as urgent work.
    actor UrgencyDetector: EventDetector {
        nonisolated let name = "urgency"
        private(set) var urgent: [Int: Bool] = [:]

        func detect(_ request: DetectionRequest) async throws(ProviderError) -> [DetectedEvent] {
            urgent[request.interval] = WorkPriority.isUrgent
            return []
        }
    }

    /// Records whether each line was spoken as urgent work.
    actor UrgencySynthesizer: SpeechSynthesizer {
        nonisolated let name = "urgency"
        private(set) var urgent: [String: Bool] = [:]

        func voices() async -> [Voice] { [Voice(id: "v1", language: "en", provider: "urgency")] }
        nonisolated func wordsPerSecond(voice: String) -> Double { 2.5 }

        func speak(_ text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) async throws(ProviderError) -> Speech {
            urgent[text] = WorkPriority.isUrgent
            return Speech(samples: [Float](repeating: 0.1, count: 4_410), text: text)
        }
    }

    @Test func onlyTheWorkForTheFirstChunkIsUrgent() async throws {
        let detector = UrgencyDetector(), synthesizer = UrgencySynthesizer()
        let run = try PipelineRun(providers: CommentaryProviders(detector: detector, writer: FakeWriter(), synthesizer: synthesizer)) {
            $0.detectionWorkers = 2
        }
        let events = await run.run()
        #expect(events.chunkIndices == [0, 1, 2, 3])
        #expect(await detector.urgent == [0: true, 1: false, 2: false, 3: false])
        let spoken = await synthesizer.urgent
        #expect(spoken["Line for interval 0."] == true)
        #expect(spoken["Line for interval 3."] == false)
    }

    @Test func theOrderedStageKeepsInputOrderWithinItsWidth() async {
        let input = AsyncChannel<Int>()
        let output = AsyncChannel<Int>()
        let inFlight = Counter()
        async let feeding: Void = {
            for i in 0..<20 { await input.send(i) }
            input.finish()
        }()
        async let staging: Void = orderedStage(from: input, to: output, width: 4) { item in
            await inFlight.enter()
            try? await Task.sleep(for: .milliseconds(Int.random(in: 1...15)))
            await inFlight.leave()
            return item * 10
        }
        var results: [Int] = []
        for await result in output { results.append(result) }
        await feeding
        await staging
        #expect(results == (0..<20).map { $0 * 10 })
        let most = await inFlight.most
        #expect(most > 1 && most <= 4)
    }

    actor Counter {
        private var now = 0
        private(set) var most = 0
        func enter() { now += 1; most = max(most, now) }
        func leave() { now -= 1 }
    }
}
