/// The sport whose vocabulary the commentary uses: an id of the writer's sport packs
/// (`soccer`, `tennis`, `field_hockey`...). Which ids exist is data, not code: the server and
/// the CLI check a chosen id against the packs they ship (`HelloRules.sports`).
public struct Sport: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    /// Lower case, with spaces and hyphens as underscores: "Field Hockey" is `field_hockey`.
    public init(rawValue: String) {
        let folded = rawValue.trimmingWhitespace().lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }
        self.rawValue = String(folded)
    }

    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// The default.
    public static let soccer: Sport = "soccer"
    /// Words safe for any sport: what a sport without a pack of its own gets.
    public static let generic: Sport = "generic"
}

extension String {
    func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
