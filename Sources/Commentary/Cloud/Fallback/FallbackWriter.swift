/// A cloud writer that falls back to the local one (see `FallbackGate`).
struct FallbackWriter: CommentaryWriter {
    let cloud: any CommentaryWriter
    let local: any CommentaryWriter
    let gate: FallbackGate

    var name: String { cloud.name }
    var parallelism: Int { cloud.parallelism }
    var languages: [String] { cloud.languages }

    func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
        try await gate.run { () async throws(ProviderError) in try await cloud.write(request) }
            local: { () async throws(ProviderError) in try await local.write(request) }
    }
}
