import Foundation
import TestSupport
import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct ChunkAssemblyTests {
    let session: AssembledSession

    init() throws {
        session = try AssembledSession.shared.get()
    }

    @Test func chunkBoundsLieOnKeyframesAndDurationsAddUp() throws {
        let keyframes = Set(session.info.presentedKeyframeTimes)
        for span in session.spans {
            #expect(keyframes.contains(span.start))
        }
        let total = session.spans.reduce(0) { $0 + $1.duration }
        #expect(abs(total - session.info.duration) < 1 / session.info.video.fps)
        var probed = 0.0
        for span in session.spans {
            probed += try Tools.formatDuration(session.inOrder.appendingPathComponent(OutputNames.chunk(span.index)))
        }
        #expect(abs(probed - 95) < 1 / session.info.video.fps)
    }

    @Test func finalVideoPacketsAreTheSourcesByteForByte() throws {
        #expect(try Tools.packetHash(session.final(session.inOrder), stream: "v") == Tools.packetHash(session.source, stream: "v"))
        #expect(try Tools.packetHash(session.final(session.reversed), stream: "v") == Tools.packetHash(session.source, stream: "v"))
    }

    @Test(arguments: ["in order", "reversed"])
    func joinsHaveNoGapNoClickAndNoMissingSamples(order: String) throws {
        let folder = order == "in order" ? session.inOrder : session.reversed
        let final = try Tools.decodedAudio(session.final(folder))
        let source = try Tools.decodedAudio(session.source)
        let expected = Int(AudioGrid.sample(at: session.info.duration))
        // ffmpeg decodes whole AAC frames; the edit list ends the track at the exact sample.
        #expect(final.count >= expected && final.count < expected + 1024)
        let audio = try Tools.probe(session.final(folder), ["-select_streams", "a", "-show_entries", "stream=duration_ts"])
        let durationTS = ((audio["streams"] as? [[String: Any]])?.first?["duration_ts"] as? Int) ?? -1
        #expect(durationTS == expected)
        for span in session.spans.dropFirst() {
            let join = Int(AudioGrid.sample(at: span.start))
            for at in [join - 2048, join, join + 1024] {
                let aligned = Signal.lag(final, source, at: at)
                #expect(aligned.lag == 0, "join at \(span.start) s: samples shifted by \(aligned.lag)")
                #expect(aligned.error < 0.005)
            }
            #expect(Signal.jumpRatio(final, at: join) <= 3, "click at \(span.start) s")
        }
    }

    /// Chunks encode their sound in parts on several cores: no seam anywhere, not only at chunk joins.
    @Test func noClickAnywhereOutsideTheCommentary() throws {
        let final = try Tools.decodedAudio(session.final(session.inOrder))
        let speech = session.speech.map { Int($0.startSample) - 8_000..<Int($0.endSample) + 20_000 }
        var jumps: [Float] = []
        jumps.reserveCapacity(final.count)
        for i in 0..<(final.count - 1) where !speech.contains(where: { $0.contains(i) }) {
            jumps.append(abs(final[i + 1] - final[i]))
        }
        let median = jumps.sorted()[jumps.count / 2]
        #expect(jumps.max()! <= 3 * median)
    }

    @Test func chunksMadeInAnyOrderGiveTheSameSound() throws {
        #expect(try Tools.packetHash(session.final(session.inOrder), stream: "a") == Tools.packetHash(session.final(session.reversed), stream: "a"))
    }

    @Test func theOriginalIsDuckedUnderSpeechWithSmoothRamps() throws {
        let final = try Tools.decodedAudio(session.final(session.inOrder))
        let source = try Tools.decodedAudio(session.source)
        func level(_ from: Double, _ to: Double) -> Float {
            let a = Int(from * 44_100), b = Int(to * 44_100)
            return Signal.rms(final, from: a, to: b) / Signal.rms(source, from: a, to: b)
        }
        let from = AssembledSession.duckedFrom, to = AssembledSession.duckedTo
        #expect(abs(level(from + 0.05, to - 0.05) - 0.2) <= 0.02)
        #expect(abs(level(from - 10, from - 0.5) - 1) <= 0.02)
        #expect(abs(level(to + 0.6, to + 10) - 1) <= 0.02)
        // Ramps: levels over 10 ms windows only fall during the attack and only rise during the release.
        let attack = stride(from: from - 0.2, to: from, by: 0.01).map { level($0, $0 + 0.01) }
        let release = stride(from: to, to: to + 0.45, by: 0.01).map { level($0, $0 + 0.01) }
        for (a, b) in zip(attack, attack.dropFirst()) { #expect(b <= a + 0.02) }
        for (a, b) in zip(release, release.dropFirst()) { #expect(b >= a - 0.02) }
        #expect(attack.first! > 0.95 && attack.last! < 0.3)
        #expect(release.first! < 0.3 && release.last! > 0.95)
        // The tone at 70-72 s is in the mix.
        #expect(level(70.5, 71.5) > 2)
    }

    @Test func everyChunkPlaysAloneFromItsFirstSample() throws {
        let source = try Tools.decodedAudio(session.source)
        for span in session.spans {
            let url = session.inOrder.appendingPathComponent(OutputNames.chunk(span.index))
            let boxes = try Tools.topLevelBoxes(url)
            let moov = try #require(boxes.firstIndex(of: "moov")), mdat = try #require(boxes.firstIndex(of: "mdat"))
            #expect(moov < mdat)
            #expect(abs(try Tools.formatDuration(url) - span.duration) < 0.04)
            let chunk = try Tools.decodedAudio(url)
            let offset = Int(AudioGrid.sample(at: span.start))
            let aligned = Signal.lag(chunk, Array(source[offset...]), at: 100, range: 40)
            #expect(aligned.lag == 0 && aligned.error < 0.005, "chunk \(span.index) audio does not start with its video")
        }
    }

    @Test func segmentsTileBothTracksOnTheirTimelines() throws {
        var ends: [UInt32: Int64] = [:]
        for span in session.spans {
            let bytes = [UInt8](try Data(contentsOf: session.reversed.appendingPathComponent(OutputNames.segment(span.index))))
            let tracks = try FragmentReader.tracks(in: bytes)
            #expect(tracks.map(\.trackID) == [1, 2])
            for track in tracks {
                if let end = ends[track.trackID] { #expect(track.baseDecodeTime == end) } else { #expect(track.baseDecodeTime == 0) }
                ends[track.trackID] = track.baseDecodeTime + track.samples.reduce(0) { $0 + Int64($1.duration) }
            }
            #expect(tracks[0].samples.first?.isSync == true)
        }
        #expect(ends[2]! >= AudioGrid.sample(at: 95) + 1024)
    }

    @Test func theHLSPlaylistPlaysEndToEnd() throws {
        let playlist = session.reversed.appendingPathComponent(OutputNames.playlist)
        #expect(abs(try Tools.formatDuration(playlist) - 95) < 0.05)
        let counted = try Tools.probe(playlist, ["-count_frames", "-select_streams", "v", "-show_entries", "stream=nb_read_frames"])
        let frames = (counted["streams"] as? [[String: Any]])?.first?["nb_read_frames"] as? String
        #expect(frames == "2375")
    }
}

@Suite(.timeLimit(.minutes(10))) struct AwkwardSourceTests {
    @Test func aSourceWithoutSoundGetsSilence() throws {
        let run = try Assembly.run(try GeneratedClips.silentVideo.get(), interval: 5)
        let audio = try Tools.decodedAudio(run.final)
        #expect(audio.count >= 12 * 44_100)
        #expect(audio.allSatisfy { abs($0) < 1e-4 })
        #expect(abs(try Tools.formatDuration(run.final) - 12) < 0.04)
    }

    @Test func aTransportStreamIsRemuxedFromAnnexB() throws {
        let source = try GeneratedClips.transportStream.get()
        let run = try Assembly.run(source, interval: 5)
        let counted = try Tools.probe(run.final, ["-count_frames", "-select_streams", "v", "-show_entries", "stream=nb_read_frames"])
        #expect((counted["streams"] as? [[String: Any]])?.first?["nb_read_frames"] as? String == "\(run.info.video.frameCount)")
        #expect(try Tools.firstFrameHash(run.final) == Tools.firstFrameHash(source))
    }

    /// A real clip whose edit list hides 4.75 s of pre-roll: chunk 0 starts with the first
    /// presented frame, never a hidden one.
    @Test func chunkZeroShowsNoHiddenFrames() throws {
        guard let source = GeneratedClips.sharedClip("soccer_laliga_21s.mp4") else { return }
        let run = try Assembly.run(source, interval: 5, reversed: true)
        let firstChunk = run.folder.appendingPathComponent(OutputNames.chunk(0))
        #expect(try Tools.firstFrameHash(firstChunk) == Tools.firstFrameHash(source))
        #expect(try Tools.firstFrameHash(run.final) == Tools.firstFrameHash(source))
        #expect(abs(try Tools.formatDuration(run.final) - run.info.duration) < 0.05)
        #expect(try Tools.packetHash(run.final, stream: "v") == Tools.packetHash(source, stream: "v"))
    }
}
