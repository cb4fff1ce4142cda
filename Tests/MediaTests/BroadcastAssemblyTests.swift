import Foundation
import TestSupport
import Testing
@testable import Media

/// The broadcast mix through the whole chunk path: a generated 60 s clip with a very quiet
/// stretch (about -33 LUFS), a loud compressed one (about -8 LUFS) and one with roars, lines
/// of every kind of level and intensity, chunks of 10 s made in order and in reverse.
@Suite(.timeLimit(.minutes(10))) struct BroadcastAssemblyTests {
    struct Session: Sendable {
        let source: URL
        let spans: [ChunkSpan]
        let inOrder: URL
        let reversed: URL
        let speech: [SpeechClip]
    }

    static let clip: Result<URL, any Error> = Result {
        try TestFiles.generate("loud-and-quiet60.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:sample_rate=48000:amplitude=1:seed=7",
            "-filter_complex",
            "[1:a]volume='if(lt(t,20),0.13,if(lt(t,40),2.5,0.12*(1+4*between(mod(t,10),3,5))))':eval=frame,"
                + "alimiter=limit=0.89:level=false,aformat=channel_layouts=stereo[a]",
            "-map", "0:v", "-map", "[a]", "-t", "60",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p",
            // Without noise substitution: FFmpeg's AAC decoder fills substituted bands from a
            // random state that runs from where decoding started, so no two decodes from
            // different starts would agree and no two orders could give the same packets.
            "-c:a", "aac", "-aac_pns", "0", "-b:a", "128k",
        ])
    }

    /// (start, seconds, peak the synthesiser delivered, intensity)
    static let lines: [(Double, Double, Float, Double)] = [
        (1.0, 3, 0.01, 0), (5.5, 2.5, 0.9, 0.4), (11, 4, 0.2, 0), (15.5, 3, 0.05, 1),
        (21, 3.5, 0.5, 0.2), (26, 3, 0.02, 1), (31.5, 4, 0.7, 0), (36, 2.5, 0.3, 0.6),
        (43.2, 3, 0.1, 1), (47, 2, 0.9, 0), (52.5, 4, 0.03, 0.3), (56.5, 2.5, 0.4, 0.9),
    ]

    static let shared: Result<Session, any Error> = Result {
        let source = try clip.get()
        let info = try MediaProbe.probe(source)
        let spans = IntervalPlanner.plan(info, interval: 10)
        let speech = lines.enumerated().map { i, line in
            SpeechClip(start: line.0, samples: Sounds.speech(seconds: line.1, peak: line.2, seed: UInt64(20 + i)), intensity: line.3)
        }
        func assemble(_ order: [ChunkSpan], into folder: URL) throws {
            let assembler = try ChunkAssembler(source: MediaSource(source), info: info, directory: folder, mixer: .broadcast())
            try assembler.writeInitSegment()
            for span in order {
                let own = speech.filter { $0.startSample >= AudioGrid.sample(at: span.start) && $0.startSample < AudioGrid.sample(at: span.end) }
                _ = try assembler.assemble(span, speech: own)
            }
            try FinalAssembler.assemble(directory: folder, spans: spans)
        }
        let inOrder = GeneratedClips.scratch("broadcast-in-order"), reversed = GeneratedClips.scratch("broadcast-reversed")
        try assemble(spans, into: inOrder)
        try assemble(spans.reversed(), into: reversed)
        return Session(source: source, spans: spans, inOrder: inOrder, reversed: reversed, speech: speech)
    }

    let session: Session

    init() throws {
        session = try Self.shared.get()
    }

    private func final(_ folder: URL) -> URL { folder.appendingPathComponent(OutputNames.finalVideo) }

    /// Both channels, interleaved, at 44.1 kHz.
    private func stereo(_ url: URL) throws -> [Float] {
        let data = try Tools.run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", url.path, "-map", "0:a:0",
                                            "-f", "f32le", "-ac", "2", "-ar", "44100", "-"])
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    @Test func chunksMadeInAnyOrderGiveTheSameSound() throws {
        #expect(try Tools.packetHash(final(session.inOrder), stream: "a") == Tools.packetHash(final(session.reversed), stream: "a"))
    }

    /// At every join the sound is the source times one gain, at lag 0, with no jump the source lacks.
    @Test func joinsAreGaplessAndClickFree() throws {
        let mixed = try Tools.decodedAudio(final(session.reversed)), source = try Tools.decodedAudio(session.source)
        for span in session.spans.dropFirst() {
            let join = Int(AudioGrid.sample(at: span.start))
            for at in [join - 2048, join, join + 1024] {
                var best = (lag: 0, error: Double.infinity)
                for lag in -40...40 {
                    let g = Audibility.fittedGain(final: Array(mixed[at..<at + 2048]), source: Array(source[at + lag..<at + lag + 2048]),
                                                  from: 0, to: 2048)
                    var error = 0.0, power = 0.0
                    for i in 0..<2048 {
                        let b = g * Double(source[at + lag + i])
                        error += pow(Double(mixed[at + i]) - b, 2)
                        power += b * b
                    }
                    if power > 0, (error / power).squareRoot() < best.error { best = (lag, (error / power).squareRoot()) }
                }
                #expect(best.lag == 0 && best.error < 0.3, "join at \(span.start) s: lag \(best.lag), error \(best.error)")
            }
            let near = (join - 220)..<(join + 220)
            let gain = Audibility.fittedGain(final: mixed, source: source, from: near.lowerBound, to: near.upperBound)
            let jump = near.map { abs(mixed[$0 + 1] - mixed[$0]) }.max()!
            let sourceJump = near.map { abs(source[$0 + 1] - source[$0]) }.max()!
            #expect(Double(jump) <= 1.5 * gain * Double(sourceJump) + 1e-3, "click at \(span.start) s")
        }
    }

    @Test func theWholeVideoIsAtMinus16LUFSUnderMinus1dBTP() throws {
        let program = try LoudnessMeter.programLoudness(try stereo(final(session.inOrder)))
        #expect(abs(program.integrated - -16) <= 1, "integrated \(program.integrated) LUFS")
        #expect(program.truePeak <= -1, "true peak \(program.truePeak) dBTP")
    }

    /// Measured as quality.py measures it, on the decoded final video against the source.
    @Test func everyLineStandsTenDecibelsOverTheBed() throws {
        let mixed = try Tools.decodedAudio(final(session.inOrder)), source = try Tools.decodedAudio(session.source)
        for clip in session.speech {
            let ratio = Audibility.speechToBed(final: mixed, source: source, from: Int(clip.startSample), to: Int(clip.endSample))
            #expect(ratio >= 11, "line at \(Double(clip.startSample) / 44_100) s: \(ratio) dB")
        }
    }
}
