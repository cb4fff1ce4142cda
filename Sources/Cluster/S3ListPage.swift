import Foundation

/// One page of a ListObjectsV2 reply: its keys with their sizes and the token of the next
/// page. S3's XML is flat and regular, so it is read by element name rather than parsed whole.
struct S3ListPage {
    var objects: [(key: String, size: Int64)] = []
    var nextToken: String?

    init(_ body: [UInt8]) {
        let text = String(decoding: body, as: UTF8.self)
        for contents in text.components(separatedBy: "<Contents>").dropFirst() {
            guard let key = Self.element("Key", in: contents) else { continue }
            objects.append((Self.unescape(key), Int64(Self.element("Size", in: contents) ?? "") ?? 0))
        }
        if Self.element("IsTruncated", in: text) == "true" { nextToken = Self.element("NextContinuationToken", in: text).map(Self.unescape) }
    }

    /// The text of the first `<name>…</name>` in `xml`.
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex) else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
