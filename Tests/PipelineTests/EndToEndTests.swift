import Foundation
import Testing
import Commentary
import Media
import Pipeline
import SessionModel
import TestSupport

/// The whole offline pipeline with the local providers (signal detection, templates,
/// espeak-ng) on a generated match: pink-noise crowd with three roars.
@Suite(.timeLimit(.minutes(10))) struct EndToEndTests {
    static let bursts = [20.0, 50.0, 80.0]

    static let match: Result<URL, any Error> = Result {
        let loud = bursts.map { "between(t,\($0),\($0 + 1.5))" }.joined(separator: "+")
        return try TestFiles.generate("match95.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:sample_rate=48000:amplitude=0.05",
            "-filter_complex", "[1:a]volume='if(\(loud),6,1)':eval=frame,aformat=channel_layouts=stereo[a]",
            "-map", "0:v", "-map", "[a]", "-t", "95",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
        ])
    }

    @Test func commentatesEveryRoarAudiblyAndKeepsTheLength() async throws {
        let source = try Self.match.get()
        let run = try PipelineRun(source: source, providers: .local, interval: 30, voice: "en-us") { configuration in
            configuration.detectionWorkers = 2
        }
        let events = await run.run()
        guard case .complete(let complete) = events.last else { Issue.record("did not complete: \(events.last.map(\.type) ?? "-")"); return }
        #expect(complete.chunks == 4)
        let detected = events.flatMap { event -> [DetectedEvent] in
            if case .eventsDetected(let found) = event { found.events } else { [] }
        }
        let final = run.folder.appendingPathComponent(OutputNames.finalVideo)
        let mixed = try Tools.decodedAudio(final)
        let original = try Tools.decodedAudio(source)
        for burst in Self.bursts {
            #expect(detected.contains { abs($0.t - burst) <= 1 }, "no event near \(burst) s: \(detected.map(\.t))")
            let line = try #require(events.commentary.first { $0.start >= burst && $0.start <= burst + 4 },
                                    "no commentary after the roar at \(burst) s")
            // Speech over the bed as quality.py measures it: the bed is the original times the
            // gain that fits the mix best over the line, the speech what the mix holds beyond it.
            let from = Int(line.start * 44_100), to = Int(line.end * 44_100)
            var mixedOnOriginal: Float = 0, originalSquared: Float = 0
            for i in from..<to {
                mixedOnOriginal += mixed[i] * original[i]
                originalSquared += original[i] * original[i]
            }
            let duck = mixedOnOriginal / originalSquared
            var speech: Float = 0, bed: Float = 0
            for i in from..<to {
                let ducked = duck * original[i]
                speech += (mixed[i] - ducked) * (mixed[i] - ducked)
                bed += ducked * ducked
            }
            #expect(speech > 10 * bed, "speech at \(line.start) s is not 10 dB above the ducked bed")
        }
        #expect(abs(try Tools.formatDuration(final) - 95) < 0.05)
        let captions = try String(contentsOf: run.folder.appendingPathComponent(OutputNames.captions), encoding: .utf8)
        #expect(captions.hasPrefix("WEBVTT") && captions.contains(events.commentary[0].text))
        #expect(FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("events.json").path))
    }
}
