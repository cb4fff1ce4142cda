import Foundation
import Testing
@testable import Media

@Suite(.timeLimit(.minutes(10))) struct HLSPlaylistTests {
    let spans = [
        ChunkSpan(index: 0, interval: 0, start: 0, end: 30, startKeyframePts: nil, endKeyframePts: 30),
        ChunkSpan(index: 1, interval: 1, start: 30, end: 60.5, startKeyframePts: 30, endKeyframePts: 60),
        ChunkSpan(index: 2, interval: 2, start: 60.5, end: 70, startKeyframePts: 60, endKeyframePts: nil),
    ]

    @Test func listsOnlyTheContiguousReadyChunks() {
        let text = HLSPlaylist(spans: spans).render(ready: [0, 2])
        #expect(text.hasPrefix("#EXTM3U\n#EXT-X-VERSION:7\n"))
        #expect(text.contains("#EXT-X-PLAYLIST-TYPE:EVENT"))
        #expect(text.contains("#EXT-X-INDEPENDENT-SEGMENTS"))
        #expect(text.contains("#EXT-X-MAP:URI=\"init.mp4\""))
        #expect(text.contains("segment-00000.m4s"))
        #expect(!text.contains("segment-00002.m4s"))
        #expect(!text.contains("#EXT-X-ENDLIST"))
    }

    @Test func aFailedChunkIsPassedOverWithADiscontinuity() {
        let growing = HLSPlaylist(spans: spans).render(ready: [0, 2], failed: [1])
        let body = growing.components(separatedBy: "#EXT-X-MAP:URI=\"init.mp4\"\n")[1]
        #expect(body == "#EXTINF:30.000000,\nsegment-00000.m4s\n#EXT-X-DISCONTINUITY\n#EXTINF:9.500000,\nsegment-00002.m4s\n#EXT-X-ENDLIST\n")
        let waiting = HLSPlaylist(spans: spans).render(ready: [0], failed: [1])
        #expect(!waiting.contains("#EXT-X-ENDLIST") && !waiting.contains("segment-00002"))
    }

    @Test func endsOnceEveryChunkIsReady() {
        let text = HLSPlaylist(spans: spans).render(ready: [0, 1, 2])
        #expect(text.contains("#EXTINF:30.500000,\nsegment-00001.m4s"))
        #expect(text.hasSuffix("#EXT-X-ENDLIST\n"))
        #expect(text.contains("#EXT-X-TARGETDURATION:31\n"))
    }
}

extension HLSPlaylistTests {
    @Test func highlightsAreListedInIndexOrderWithDiscontinuities() {
        let highlights = [
            ChunkSpan(index: 1, interval: 2, start: 64, end: 70, startKeyframePts: 64, endKeyframePts: 70),
            ChunkSpan(index: 0, interval: 0, start: 4, end: 12, startKeyframePts: 4, endKeyframePts: 12),
            ChunkSpan(index: 2, interval: 2, start: 70, end: 74, startKeyframePts: 70, endKeyframePts: 74),
        ]
        let text = HLSPlaylist(highlights: highlights, targetDuration: 31).render(ready: [0, 1, 2], ended: true)
        let body = text.components(separatedBy: "#EXT-X-MAP:URI=\"init.mp4\"\n")[1]
        #expect(body == "#EXTINF:8.000000,\nsegment-00000.m4s\n#EXT-X-DISCONTINUITY\n#EXTINF:6.000000,\nsegment-00001.m4s\n#EXTINF:4.000000,\nsegment-00002.m4s\n#EXT-X-ENDLIST\n")
        #expect(text.contains("#EXT-X-TARGETDURATION:31\n"))
    }
}

@Suite(.timeLimit(.minutes(10))) struct WebVTTTests {
    @Test func writesCuesInOrderWithTimestamps() {
        let text = WebVTT.render([Caption(start: 65.25, end: 68, text: "What a save!"), Caption(start: 1, end: 3.5, text: "Kick-off.")])
        #expect(text == "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nKick-off.\n\n2\n00:01:05.250 --> 00:01:08.000\nWhat a save!\n")
    }

    @Test func escapesMarkupAndArrowsAndBlankLines() {
        let text = WebVTT.render([Caption(start: 0, end: 1, text: "a --> b <i>&\n\nc")])
        #expect(text.contains("a --&gt; b &lt;i&gt;&amp;\nc\n"))
        #expect(WebVTT.timestamp(3725.0004) == "01:02:05.000")
    }
}

@Suite(.timeLimit(.minutes(10))) struct ChunkAudioPlanTests {
    @Test func adjacentChunksOwnAdjacentPacketsOnOneGrid() {
        let bounds = [0.0, 2.0, 4.04, 30.0, 33.3, 35.0]
        var spans: [ChunkSpan] = []
        for i in 0..<(bounds.count - 1) {
            spans.append(ChunkSpan(index: i, interval: i, start: bounds[i], end: bounds[i + 1],
                                   startKeyframePts: i == 0 ? nil : Int64(i), endKeyframePts: i == bounds.count - 2 ? nil : Int64(i + 1)))
        }
        let plans = spans.map(ChunkAudioPlan.init)
        #expect(plans[0].segmentFirst == -1)
        for (a, b) in zip(plans, plans.dropFirst()) {
            #expect(a.segmentEnd == b.segmentFirst)
            #expect(a.end == b.start)
        }
        for plan in plans {
            #expect(plan.standaloneFirst * 1024 <= plan.start - 1024)
            #expect(plan.standaloneEnd * 1024 >= plan.end)
            #expect(plan.encodeStart % 1024 == 0 && plan.encodeEnd % 1024 == 0)
            #expect(plan.encodeStart <= plan.standaloneFirst * 1024 - 1024 * 3)
            // Pre- and post-roll stay within the band where the mix is the original alone.
            #expect(Double(plan.start - plan.encodeStart) / 44_100 < AudioGrid.boundaryGuard + 0.05)
            #expect(Double(plan.encodeEnd - plan.end) / 44_100 < AudioGrid.boundaryGuard)
        }
    }
}

extension HLSPlaylistTests {
    /// Six 3 s chunks, the third failed.
    static let live = (0..<6).map { k in
        ChunkSpan(index: k, interval: k, start: Double(3 * k), end: Double(3 * k + 3), startKeyframePts: Int64(3 * k), endKeyframePts: Int64(3 * k + 3))
    }

    @Test func aLivePlaylistSlidesOverItsWindowCountingTheChunksThatLeftIt() {
        let text = HLSPlaylist(spans: Self.live, targetDuration: 5).render(ready: [0, 1, 3, 4, 5], failed: [2], ended: false, window: 7)
        #expect(!text.contains("PLAYLIST-TYPE") && !text.contains("#EXT-X-ENDLIST"))
        // Window 7 s holds two 3 s chunks; a live playlist lists at least three: 1, 3 (after a
        // discontinuity: 2 failed), 4, 5 are ready, 3, 4, 5 kept; 0 and 1 left it.
        #expect(text.contains("#EXT-X-MEDIA-SEQUENCE:2\n"))
        #expect(text.contains("#EXT-X-DISCONTINUITY-SEQUENCE:0\n"))
        let body = text.components(separatedBy: "#EXT-X-MAP:URI=\"init.mp4\"\n")[1]
        #expect(body == "#EXT-X-DISCONTINUITY\n#EXTINF:3.000000,\nsegment-00003.m4s\n#EXTINF:3.000000,\nsegment-00004.m4s\n#EXTINF:3.000000,\nsegment-00005.m4s\n")
        let later = HLSPlaylist(spans: Self.live + [ChunkSpan(index: 6, interval: 6, start: 18, end: 21, startKeyframePts: 18, endKeyframePts: nil)],
                                targetDuration: 5).render(ready: [0, 1, 3, 4, 5, 6], failed: [2], ended: true, window: 7)
        #expect(later.contains("#EXT-X-MEDIA-SEQUENCE:3\n") && later.contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), "the discontinuity left with chunk 3")
        #expect(later.hasSuffix("segment-00006.m4s\n#EXT-X-ENDLIST\n"))
    }

    @Test func aLivePlaylistsWindowEndsAtTheFirstChunkThatDoesNotFit() {
        // 0.5, 5, 2, 2, 2 s: the last three fill 6 of 6.5 s; the 5 s chunk does not fit, so
        // neither does anything older, though the 0.5 s chunk alone would.
        let ends = [0.5, 5.5, 7.5, 9.5, 11.5]
        let spans = ends.indices.map { k in
            ChunkSpan(index: k, interval: k, start: k == 0 ? 0 : ends[k - 1], end: ends[k], startKeyframePts: Int64(k), endKeyframePts: Int64(k + 1))
        }
        let text = HLSPlaylist(spans: spans, targetDuration: 5).render(ready: Set(0..<5), ended: false, window: 6.5)
        #expect(text.contains("#EXT-X-MEDIA-SEQUENCE:2\n"), "\(text)")
        #expect(!text.contains("segment-00001.m4s") && text.components(separatedBy: "#EXTINF").count - 1 == 3, "\(text)")
    }

    @Test func aLivePlaylistWithFewerChunksThanItsWindowListsThemAll() {
        let text = HLSPlaylist(spans: Self.live, targetDuration: 5).render(ready: [0, 1], ended: false, window: 60)
        #expect(text.contains("#EXT-X-MEDIA-SEQUENCE:0\n") && text.contains("segment-00000.m4s") && text.contains("segment-00001.m4s"))
    }
}
