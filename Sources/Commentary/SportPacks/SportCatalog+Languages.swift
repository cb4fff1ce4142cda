public import SessionModel

extension SportCatalog {
    /// The languages a session may choose: those the writer writes, that have packs (the
    /// fact gate checks every line against its pack) and that some voice speaks; sorted.
    public func offeredLanguages(writer: any CommentaryWriter, voices: [Voice]) -> [String] {
        let spoken = Set(voices.map(\.language))
        return writer.languages.filter { languages.contains($0) && spoken.contains($0) }.sorted()
    }
}
