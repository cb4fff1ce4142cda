public import SessionModel

/// Writes commentary from the sport packs and the session's story: build-up before a big
/// moment it can see coming, the call just after its first second, a reaction and a
/// reference back after it, colour and recaps in quiet stretches, an opening that joins the
/// broadcast in progress. Seeded by the request, so the same video is told the same way.
/// The work for one stretch is `StretchWriter`.
public struct LocalCommentaryWriter: CommentaryWriter {
    public let name = "local"
    let catalog: SportCatalog

    public var languages: [String] { catalog.languages }

    public init(catalog: SportCatalog = .shipped) {
        self.catalog = catalog
    }

    public func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
        guard let pack = catalog.pack(request.sport, language: request.language) else {
            throw ProviderError(.permanent, "the local writer has no '\(request.language)' (it writes \(languages.joined(separator: ", ")))")
        }
        var writer = StretchWriter(request: request, pack: pack)
        return writer.write()
    }
}
