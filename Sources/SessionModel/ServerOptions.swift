/// `GET /v1/options`: what a client may put in `hello.options` before it has a session (the
/// voices `welcome` lists, the languages the writer takes, the sports).
public struct ServerOptions: Sendable, Equatable, Codable {
    public var voices: [Voice]
    public var languages: [String]
    public var sports: [String]

    public init(voices: [Voice], languages: [String], sports: [String] = Sport.allCases.map(\.rawValue)) {
        self.voices = voices
        self.languages = languages
        self.sports = sports
    }
}
