/// What an upload's first bytes say its container is, so a file that is no video the server
/// reads (a renamed text file, a PDF) is refused on its first frame, not after the whole upload.
/// Pure; knows the containers the server accepts: MP4/MOV (a top-level box header), Matroska/WebM
/// (the EBML magic) and MPEG-TS (a sync byte every 188 bytes).
public enum ContainerSniff: Sendable, Equatable {
    case mp4, matroska, mpegTS
    /// None of the accepted containers starts like this.
    case unknown

    /// Bytes needed to tell (three transport-stream packets); fewer do when that is the whole file.
    public static let needed = 3 * 188

    static let mp4Boxes: Set<String> = ["ftyp", "moov", "mdat", "free", "skip", "wide", "pnot", "uuid", "styp", "sidx", "moof", "junk"]

    /// The container of a file that starts with `bytes` (at least `needed` of them, or the whole file).
    public static func of(_ bytes: ArraySlice<UInt8>) -> ContainerSniff {
        let b = Array(bytes.prefix(needed))
        if b.count >= 8, mp4Boxes.contains(String(decoding: b[4..<8], as: UTF8.self)) { return .mp4 }
        if b.count >= 4, b[0] == 0x1A, b[1] == 0x45, b[2] == 0xDF, b[3] == 0xA3 { return .matroska }
        if !b.isEmpty, stride(from: 0, to: b.count, by: 188).allSatisfy({ b[$0] == 0x47 }) { return .mpegTS }
        return .unknown
    }
}
