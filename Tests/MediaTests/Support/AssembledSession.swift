import Foundation
@testable import Media

/// The 95 s sine clip assembled into chunks once per test run: in order and, separately, in
/// reverse order (as a reprioritised session would), both with the same commentary: a silent
/// speech clip at 40-45 s (to measure the ducking of the original) and a tone at 70-72 s.
struct AssembledSession: Sendable {
    let source: URL
    let info: MediaInfo
    let spans: [ChunkSpan]
    let inOrder: URL
    let reversed: URL
    let speech: [SpeechClip]

    static let shared: Result<AssembledSession, any Error> = Result { try AssembledSession() }

    static let duckedFrom = 40.0, duckedTo = 45.0

    private init() throws {
        source = try GeneratedClips.sine95.get()
        info = try MediaProbe.probe(source)
        spans = IntervalPlanner.plan(info, interval: 30)
        let tone = (0..<(2 * AudioGrid.sampleRate)).map { Float(sin(Double($0) * 2 * .pi * 1000 / 44_100)) * 0.3 }
        speech = [
            SpeechClip(start: Self.duckedFrom, samples: [Float](repeating: 0, count: Int((Self.duckedTo - Self.duckedFrom) * 44_100))),
            SpeechClip(start: 70, samples: tone),
        ]
        inOrder = GeneratedClips.scratch("in-order")
        reversed = GeneratedClips.scratch("reversed")
        try assemble(into: inOrder, order: spans)
        try assemble(into: reversed, order: spans.reversed())
    }

    private func assemble(into directory: URL, order: [ChunkSpan]) throws {
        try Assembly.assemble(source, info: info, spans: spans, into: directory, order: order) { span in
            speech.filter { $0.startSample >= AudioGrid.sample(at: span.start) && $0.startSample < AudioGrid.sample(at: span.end) }
        }
    }

    func final(_ directory: URL) -> URL { directory.appendingPathComponent(OutputNames.finalVideo) }
}

/// Assembles every chunk of a clip, the playlist and final.mp4 into a folder.
enum Assembly {
    struct Run {
        var info: MediaInfo
        var spans: [ChunkSpan]
        var folder: URL
        var final: URL { folder.appendingPathComponent(OutputNames.finalVideo) }
    }

    static func run(_ source: URL, interval: Double, reversed: Bool = false) throws -> Run {
        let info = try MediaProbe.probe(source)
        let spans = IntervalPlanner.plan(info, interval: interval)
        let folder = GeneratedClips.scratch(source.deletingPathExtension().lastPathComponent)
        try assemble(source, info: info, spans: spans, into: folder, order: reversed ? spans.reversed() : spans) { _ in [] }
        return Run(info: info, spans: spans, folder: folder)
    }

    static func assemble(_ source: URL, info: MediaInfo, spans: [ChunkSpan], into folder: URL, order: [ChunkSpan],
                         speech: (ChunkSpan) -> [SpeechClip]) throws {
        let assembler = try ChunkAssembler(source: MediaSource(source), info: info, directory: folder)
        try assembler.writeInitSegment()
        for span in order { _ = try assembler.assemble(span, speech: speech(span)) }
        try HLSPlaylist(spans: spans).render(ready: Set(spans.map(\.index)))
            .write(to: folder.appendingPathComponent(OutputNames.playlist), atomically: true, encoding: .utf8)
        try FinalAssembler.assemble(directory: folder, spans: spans)
    }
}

/// Sample-level measures on decoded sound.
enum Signal {
    /// The shift (in samples, within ±`range`) that best aligns `a[at..<at+length]` with `b`.
    static func lag(_ a: [Float], _ b: [Float], at: Int, length: Int = 2048, range: Int = 40) -> (lag: Int, error: Float) {
        var best = (lag: 0, error: Float.infinity)
        for shift in -range...range {
            var sum: Float = 0
            for i in 0..<length {
                let d = a[at + i] - b[at + i + shift]
                sum += d * d
            }
            let rms = (sum / Float(length)).squareRoot()
            if rms < best.error { best = (shift, rms) }
        }
        return best
    }

    static func rms(_ x: [Float], from: Int, to: Int) -> Float {
        var sum: Float = 0
        for i in from..<to { sum += x[i] * x[i] }
        return (sum / Float(to - from)).squareRoot()
    }

    /// The largest sample-to-sample jump within 5 ms of `at`, over the median jump in the
    /// 100 ms around it.
    static func jumpRatio(_ x: [Float], at: Int) -> Float {
        let near = 220, around = 4410
        let jumps = (at - around..<at + around).map { abs(x[$0 + 1] - x[$0]) }
        let median = jumps.sorted()[jumps.count / 2]
        let largest = (at - near..<at + near).map { abs(x[$0 + 1] - x[$0]) }.max() ?? 0
        return largest / median
    }
}
