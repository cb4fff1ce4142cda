/// Finds, from an upload's first bytes as they arrive in order, whether the file is an MP4 that
/// keeps its index (`moov`) after its media data (`mdat`): then a seekable client is asked for
/// the bytes after the media data first (PROTOCOL.md `upload_want`), so processing can start
/// before the media data is whole. Reads only top-level box headers; pure.
public struct MP4IndexLocator: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        /// More bytes are needed.
        case undecided
        /// The index comes first (or the media is fragmented): nothing to ask for.
        case indexFirst
        /// The media data ends at `offset`; the index follows it.
        case indexAfter(offset: Int64)
        /// Not an MP4, or not one this can tell about: the upload goes on in order.
        case notApplicable
    }

    public private(set) var verdict = Verdict.undecided
    private let fileSize: Int64?
    /// Where the next box header starts, and the bytes of it collected so far.
    private var next: Int64 = 0
    private var header: [UInt8] = []
    private var boxes = 0
    /// Boxes read before giving up (ftyp, free, wide, uuid... normally a handful).
    static let maxBoxes = 32

    public init(fileSize: Int64?) { self.fileSize = fileSize }

    /// The upload's bytes at `offset`, in order from 0. Returns the verdict so far.
    @discardableResult
    public mutating func feed(_ bytes: ArraySlice<UInt8>, at offset: Int64) -> Verdict {
        var cursor = offset
        var rest = bytes
        while verdict == .undecided, !rest.isEmpty {
            let wanted = next + Int64(header.count)
            let end = cursor + Int64(rest.count)
            guard end > wanted else { return verdict }
            guard cursor <= wanted else {
                verdict = .notApplicable
                return verdict
            }
            rest = rest.dropFirst(Int(wanted - cursor))
            cursor = wanted
            let take = min(rest.count, MP4Box.maxHeaderSize - header.count)
            header += rest.prefix(take)
            switch MP4Box.parse(header, at: next) {
            case .needMore:
                if header.count >= MP4Box.maxHeaderSize { verdict = .notApplicable }
                rest = rest.dropFirst(take)
                cursor += Int64(take)
            case .invalid:
                verdict = .notApplicable
            case .box(let box):
                decide(box)
                header = []
            }
        }
        return verdict
    }

    private mutating func decide(_ box: MP4Box) {
        boxes += 1
        if boxes == 1, box.type != "ftyp" {
            verdict = .notApplicable
            return
        }
        switch box.type {
        case "moov", "moof": verdict = .indexFirst
        case "mdat":
            if let end = box.end, let fileSize, end < fileSize { verdict = .indexAfter(offset: end) } else { verdict = .notApplicable }
        default:
            guard let end = box.end, boxes < Self.maxBoxes else {
                verdict = .notApplicable
                return
            }
            next = end
        }
    }
}
