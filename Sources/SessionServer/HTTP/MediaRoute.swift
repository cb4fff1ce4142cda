/// `/media/{key}/{name}`: the key picks a session, the name one of the fixed file names a
/// session's output holds. Nothing the client sends becomes part of a path.
struct MediaRoute: Equatable {
    var key: String
    var name: String

    static func parse(_ path: String) -> MediaRoute? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, parts[1] == "media" else { return nil }
        let key = String(parts[2]), name = String(parts[3])
        guard key.count == 22, key.allSatisfy({ $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "-" || $0 == "_" }) else { return nil }
        guard contentType(for: name) != nil else { return nil }
        return MediaRoute(key: key, name: name)
    }

    /// The Content-Type of an allowed file name, nil for any other name.
    static func contentType(for name: String) -> String? {
        switch name {
        case "playlist.m3u8": return "application/vnd.apple.mpegurl"
        case "captions.vtt": return "text/vtt; charset=utf-8"
        case "init.mp4", "final.mp4", "partial.mp4": return "video/mp4"
        case "poster.jpg": return "image/jpeg"
        default: break
        }
        if numbered(name, prefix: "chunk-", suffix: ".mp4") { return "video/mp4" }
        if numbered(name, prefix: "segment-", suffix: ".m4s") { return "video/iso.segment" }
        return nil
    }

    private static func numbered(_ name: String, prefix: String, suffix: String) -> Bool {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return false }
        let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
        return digits.count == 5 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
