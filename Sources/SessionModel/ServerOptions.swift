/// `GET /v1/options`: what a client may put in `hello.options` before it has a session (the
/// voices `welcome` lists, the languages the writer takes and some voice speaks, the sports
/// the writer has packs for).
public struct ServerOptions: Sendable, Equatable, Codable {
    public var voices: [Voice]
    public var languages: [String]
    public var sports: [String]

    public init(voices: [Voice], languages: [String], sports: [String]) {
        self.voices = voices
        self.languages = languages
        self.sports = sports
    }
}
