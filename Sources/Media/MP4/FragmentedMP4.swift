import Foundation
/// A sample of a fragment: its size, duration and composition offset in the track's timescale.
struct FragmentSample: Equatable {
    var size: Int
    /// Where its data lies in the segment (samples read back).
    var offset = 0
    /// A view into the bytes it came from (a segment read back); empty when the data is
    /// written as it is read (a chunk's video).
    var data: ArraySlice<UInt8> = []
    var duration: UInt32
    var compositionOffset: Int32
    var isSync: Bool
}

/// One track's run within a media segment.
struct TrackFragment: Equatable {
    var trackID: UInt32
    var baseDecodeTime: Int64
    var samples: [FragmentSample]
}

/// Writes the init segment and media segments of fragmented MP4 (ISO BMFF, as MSE and HLS
/// read it): one video track stream-copied, one AAC track.
enum FragmentedMP4 {
    static func initSegment(_ layout: TrackLayout) -> [UInt8] {
        var w = BoxWriter()
        w.box("ftyp") { w in
            w.fourCC("iso6"); w.u32(0)
            for brand in ["iso6", "isom", "mp41", "dash"] { w.fourCC(brand) }
        }
        w.box("moov") { w in
            w.fullBox("mvhd") { w in
                w.u32(0); w.u32(0); w.u32(1000); w.u32(0)
                w.u32(0x0001_0000); w.u16(0x0100); w.zeros(10)
                w.unityMatrix(); w.zeros(24); w.u32(3)
            }
            videoTrack(&w, layout)
            audioTrack(&w, layout)
            w.box("mvex") { w in
                for id in [TrackLayout.videoTrackID, TrackLayout.audioTrackID] {
                    w.fullBox("trex") { w in w.u32(id); w.u32(1); w.u32(0); w.u32(0); w.u32(0) }
                }
            }
        }
        return w.bytes
    }

    private static func trackHeader(_ w: inout BoxWriter, id: UInt32, audio: Bool, width: Int = 0, height: Int = 0) {
        w.fullBox("tkhd", flags: 3) { w in
            w.u32(0); w.u32(0); w.u32(id); w.u32(0); w.u32(0)
            w.zeros(8); w.u16(0); w.u16(audio ? 1 : 0); w.u16(audio ? 0x0100 : 0); w.u16(0)
            w.unityMatrix()
            w.u32(UInt32(width) << 16); w.u32(UInt32(height) << 16)
        }
    }

    private static func editList(_ w: inout BoxWriter, mediaTime: Int64) {
        guard mediaTime > 0 else { return }
        w.box("edts") { w in
            w.fullBox("elst", version: 1) { w in
                w.u32(1); w.u64(0); w.u64(UInt64(mediaTime)); w.u16(1); w.u16(0)
            }
        }
    }

    private static func mediaHeader(_ w: inout BoxWriter, timescale: Int64, handler: String, name: String) {
        w.fullBox("mdhd") { w in w.u32(0); w.u32(0); w.u32(UInt32(timescale)); w.u32(0); w.u16(0x55C4); w.u16(0) }
        w.fullBox("hdlr") { w in
            w.u32(0); w.fourCC(handler); w.zeros(12); w.raw(Array(name.utf8)); w.u8(0)
        }
    }

    private static func dataInformationAndEmptyTables(_ w: inout BoxWriter, sampleEntry: (inout BoxWriter) -> Void) {
        w.box("dinf") { w in
            w.fullBox("dref") { w in w.u32(1); w.fullBox("url ", flags: 1) { _ in } }
        }
        w.box("stbl") { w in
            w.fullBox("stsd") { w in w.u32(1); sampleEntry(&w) }
            w.fullBox("stts") { w in w.u32(0) }
            w.fullBox("stsc") { w in w.u32(0) }
            w.fullBox("stsz") { w in w.u32(0); w.u32(0) }
            w.fullBox("stco") { w in w.u32(0) }
        }
    }

    private static func videoTrack(_ w: inout BoxWriter, _ layout: TrackLayout) {
        let format = layout.video
        w.box("trak") { w in
            trackHeader(&w, id: TrackLayout.videoTrackID, audio: false, width: format.width, height: format.height)
            editList(&w, mediaTime: layout.videoPresentationShift)
            w.box("mdia") { w in
                mediaHeader(&w, timescale: layout.videoTimescale, handler: "vide", name: "VideoHandler")
                w.box("minf") { w in
                    w.fullBox("vmhd", flags: 1) { w in w.zeros(8) }
                    dataInformationAndEmptyTables(&w) { w in
                        w.box(format.codec == .h264 ? "avc1" : "hvc1") { w in
                            w.zeros(6); w.u16(1); w.zeros(16)
                            w.u16(UInt16(format.width)); w.u16(UInt16(format.height))
                            w.u32(0x0048_0000); w.u32(0x0048_0000); w.u32(0); w.u16(1)
                            w.zeros(32); w.u16(0x0018); w.u16(0xFFFF)
                            w.box(format.codec == .h264 ? "avcC" : "hvcC") { w in w.raw(format.configuration) }
                        }
                    }
                }
            }
        }
    }

    private static func audioTrack(_ w: inout BoxWriter, _ layout: TrackLayout) {
        w.box("trak") { w in
            trackHeader(&w, id: TrackLayout.audioTrackID, audio: true)
            editList(&w, mediaTime: TrackLayout.audioPriming)
            w.box("mdia") { w in
                mediaHeader(&w, timescale: Int64(AudioGrid.sampleRate), handler: "soun", name: "SoundHandler")
                w.box("minf") { w in
                    w.fullBox("smhd") { w in w.u32(0) }
                    dataInformationAndEmptyTables(&w) { w in
                        w.box("mp4a") { w in
                            w.zeros(6); w.u16(1); w.zeros(8)
                            w.u16(UInt16(AudioGrid.channels)); w.u16(16); w.u16(0); w.u16(0)
                            w.u32(UInt32(AudioGrid.sampleRate) << 16)
                            esds(&w, layout.audioConfiguration)
                        }
                    }
                }
            }
        }
    }

    private static func esds(_ w: inout BoxWriter, _ config: [UInt8]) {
        func descriptor(_ w: inout BoxWriter, tag: UInt8, _ body: [UInt8]) {
            w.u8(tag)
            w.raw([0x80, 0x80, 0x80, UInt8(body.count)])
            w.raw(body)
        }
        var decoderSpecific = BoxWriter()
        descriptor(&decoderSpecific, tag: 0x05, config)
        var decoderConfig = BoxWriter()
        decoderConfig.u8(0x40); decoderConfig.u8(0x15); decoderConfig.u24(0)
        decoderConfig.u32(UInt32(AudioGrid.bitRate)); decoderConfig.u32(UInt32(AudioGrid.bitRate))
        decoderConfig.raw(decoderSpecific.bytes)
        var es = BoxWriter()
        es.u16(0); es.u8(0)
        descriptor(&es, tag: 0x04, decoderConfig.bytes)
        descriptor(&es, tag: 0x06, [0x02])
        w.fullBox("esds") { w in descriptor(&w, tag: 0x03, es.bytes) }
    }

    /// The head of a media segment: moof (one traf per track) and the mdat header. The tracks'
    /// sample data follow it, track by track, in order.
    static func mediaSegmentHead(sequence: UInt32, tracks: [TrackFragment]) -> [UInt8] {
        func moof(dataOffsets: [Int32]) -> [UInt8] {
            var w = BoxWriter()
            w.box("moof") { w in
                w.fullBox("mfhd") { w in w.u32(sequence) }
                for (track, offset) in zip(tracks, dataOffsets) {
                    w.box("traf") { w in
                        w.fullBox("tfhd", flags: 0x02_0000) { w in w.u32(track.trackID) }
                        w.fullBox("tfdt", version: 1) { w in w.u64(UInt64(track.baseDecodeTime)) }
                        w.fullBox("trun", version: 1, flags: 0x0001 | 0x0100 | 0x0200 | 0x0400 | 0x0800) { w in
                            w.u32(UInt32(track.samples.count))
                            w.i32(offset)
                            for sample in track.samples {
                                w.u32(sample.duration)
                                w.u32(UInt32(sample.size))
                                w.u32(sample.isSync ? 0x0200_0000 : 0x0101_0000)
                                w.i32(sample.compositionOffset)
                            }
                        }
                    }
                }
            }
            return w.bytes
        }
        let sizes = tracks.map { $0.samples.reduce(0) { $0 + $1.size } }
        let moofSize = moof(dataOffsets: tracks.map { _ in 0 }).count
        var offsets: [Int32] = []
        var running = moofSize + 8
        for size in sizes {
            offsets.append(Int32(running))
            running += size
        }
        var head = BoxWriter()
        head.raw(moof(dataOffsets: offsets))
        head.u32(UInt32(8 + sizes.reduce(0, +)))
        head.fourCC("mdat")
        return head.bytes
    }
}
