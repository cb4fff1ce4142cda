import Foundation
public import SessionModel

/// How much of a file that is still being written (an upload) is there. Readers of the file
/// wait for bytes that have not arrived instead of taking the end of what is stored for the
/// end of the file. The bytes may arrive in any order (an index-first upload stores the end
/// of an MP4 before its middle): a reader at any offset waits for the byte at that offset.
public final class UploadProgress: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var stored: ByteRanges
    private var complete = false
    private var aborted = false
    private var points: [SeekPoint] = []
    private let declaredSize: Int64?
    /// Test knob: a read of a missing byte ends at once (as if the upload had ended) instead
    /// of waiting, and its offset is kept in `missedReads`.
    var neverWait = false
    private var missed: [Int64] = []

    public init(declaredSize: Int64?, stored: Int64 = 0) {
        self.declaredSize = declaredSize
        self.stored = ByteRanges(stored > 0 ? [0..<stored] : [])
    }

    public init(declaredSize: Int64?, ranges: ByteRanges) {
        self.declaredSize = declaredSize
        stored = ranges
    }

    /// The first `bytes` bytes are stored.
    public func advance(to bytes: Int64) {
        store(0..<bytes)
    }

    /// The bytes of `range` are stored.
    public func store(_ range: Range<Int64>) {
        condition.withLock {
            stored.insert(range)
            condition.broadcast()
        }
    }

    /// The upload is whole: readers see its end.
    public func finish() {
        condition.withLock {
            complete = true
            condition.broadcast()
        }
    }

    /// The upload will not continue: waiting readers give up.
    public func abort() {
        condition.withLock {
            aborted = true
            condition.broadcast()
        }
    }

    /// The file's size when known (declared, or once complete).
    var knownSize: Int64? {
        condition.withLock { complete ? (declaredSize ?? stored.prefix) : declaredSize }
    }

    var isComplete: Bool { condition.withLock { complete } }

    /// The offsets reads asked for while they were missing (with `neverWait`).
    var missedReads: [Int64] { condition.withLock { missed } }

    /// Waits until the byte at `offset` is stored (or the upload ends); how many bytes from
    /// `offset` on are stored without a gap (0 past the end).
    func available(at offset: Int64) -> Int64 {
        condition.withLock {
            if neverWait, stored.range(containing: offset) == nil, !complete {
                missed.append(offset)
                return 0
            }
            while stored.range(containing: offset) == nil && !complete && !aborted { condition.wait() }
            if aborted { return 0 }
            if let range = stored.range(containing: offset) { return range.upperBound - offset }
            return max(0, (declaredSize ?? stored.prefix) - offset)
        }
    }

    // MARK: seek points

    /// Where a video keyframe of the growing file starts, learned by reading it in order
    /// (`MediaScan`): a later reader of the same file seeks there without searching the file,
    /// which would read bytes that may not be stored yet.
    public struct SeekPoint: Sendable, Equatable {
        /// Presentation and decode timestamps in the video stream's time base.
        public var pts: Int64
        public var dts: Int64
        /// The byte position the demuxer resumes from (for Matroska, the keyframe's cluster).
        public var position: Int64
    }

    func addSeekPoint(_ point: SeekPoint) {
        condition.withLock {
            if points.last.map({ point.dts > $0.dts }) ?? true { points.append(point) }
        }
    }

    var seekPoints: [SeekPoint] { condition.withLock { points } }
}
