/// Commentary written by an OpenAI-compatible chat model, answering in JSON mode.
public struct OpenAICommentaryWriter: CommentaryWriter {
    /// One stretch written ahead: a call's latency dominates, not the model's memory.
    public var parallelism: Int { 2 }
    public let name = "openai"
    let client: OpenAIClient

    public var languages: [String] { CloudPrompts.languages }

    public func write(_ request: WritingRequest) async throws(ProviderError) -> [CommentaryLine] {
        let text = try await client.chat(system: "You are a sports commentator. You answer with JSON only.",
                                         prompt: [.text(CloudPrompts.writing(request))], temperature: 0.8)
        return CloudReplies.lines(try CloudReplies.decode(CloudReplies.Lines.self, from: text, service: name), for: request)
    }
}
