import Foundation
import Testing
import Media
import SessionModel
@testable import Commentary

@Suite(.timeLimit(.minutes(10))) struct SimulatedCloudTests {
    /// A writer that answers at once and counts its calls in flight.
    actor InstantWriter: CommentaryWriter {
        nonisolated let name = "instant"
        nonisolated let languages = ["en"]
        private(set) var calls = 0

        func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
            calls += 1
            return [CommentaryLine(start: request.earliest, end: request.earliest + 1, text: "line \(request.interval)")]
        }
    }

    func request(_ interval: Int) -> WritingRequest {
        WritingRequest(interval: interval, earliest: 0, latest: 10, events: [], language: "en", sport: .soccer,
                       style: .playByPlay, wordsPerSecond: 2.5, opensTheVideo: false, alreadySaid: [])
    }

    @Test func latencyIsTheTypicalOneWithinTheJitter() {
        let latency = SimulatedLatency(typical: .seconds(3))
        let samples: [Duration] = (0..<200).map { _ in latency.sample(scale: 1) }
        #expect(samples.allSatisfy { $0 >= .milliseconds(2400) && $0 <= .milliseconds(3600) })
        #expect(Set(samples).count > 100)
        #expect(latency.sample(scale: 0.1) <= .milliseconds(360))
    }

    @Test func eachCallWaitsItsLatencyAndAtMostTheLimitRunAtOnce() async throws {
        let writer = InstantWriter()
        let local = CommentaryProviders(detector: LocalEventDetector(), writer: writer, synthesizer: EspeakSynthesizer())
        // Writing is 3 s ± 20%; at a scale of 1/30 a call takes 80-120 ms.
        let simulated = CommentaryProviders.simulatedCloud(wrapping: local, callsInFlight: 2, latencyScale: 1.0 / 30)
        let clock = ContinuousClock()
        let started = clock.now
        try await withThrowingTaskGroup(of: [CommentaryLine].self) { group in
            for interval in 0..<4 { group.addTask { try await simulated.writer.write(request(interval)) } }
            for try await lines in group { #expect(lines.count == 1) }
        }
        let elapsed = clock.now - started
        // Four calls two at a time: two rounds of at least 80 ms each.
        #expect(elapsed >= .milliseconds(160))
        #expect(await writer.calls == 4)
        #expect(simulated.writer.parallelism == 2)
        #expect(simulated.detector.parallelism == 2)
        #expect(simulated.synthesizer.parallelism == 2)
        // Local speech: one line per core (the neural voice runs lines in parallel).
        #expect(CommentaryProviders.local.synthesizer.parallelism == NeuralVoiceSettings.current.parallelism)
    }

    @Test func aCancelledCallFailsAsTransientWithoutWaiting() async {
        let simulated = CommentaryProviders.simulatedCloud(wrapping: CommentaryProviders(
            detector: LocalEventDetector(), writer: InstantWriter(), synthesizer: EspeakSynthesizer()))
        let task = Task { () -> ProviderError? in
            withUnsafeCurrentTask { $0?.cancel() }
            do throws(ProviderError) { _ = try await simulated.writer.write(request(0)); return nil } catch { return error }
        }
        #expect(await task.value?.kind == .transient)
    }
}
