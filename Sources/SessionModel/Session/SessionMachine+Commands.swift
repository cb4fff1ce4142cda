extension SessionMachine {
    /// A `command`: a repeated id gets its first result again; what the session can answer
    /// alone is answered now, the rest is asked of the pipeline (`ask`, then `answer`).
    public mutating func command(_ request: CommandRequest) -> [Action] {
        if let earlier = commands.result(for: request.id) { return record(.commandResult(earlier)) }
        // Sent again (a client that reconnected) while the pipeline answers it: one answer.
        if commands.isAsked(request.id) { return [] }
        let actions = act(on: request)
        if actions.contains(where: { if case .ask = $0 { true } else { false } }) { commands.ask(request.id) }
        return actions
    }

    private mutating func act(on request: CommandRequest) -> [Action] {
        switch SessionCommand.interpret(request) {
        case .failure(let error):
            return answer(request, .failure(error))
        case .success(.cancel):
            return answer(request, .success(.object([:]))) + stopWork()
        case .success(.reprioritise(let interval, let at)):
            let target = interval ?? options.grid().interval(at: at ?? 0)
            guard phase == .processing else {
                return answer(request, .success(.object(["interval": .number(Double(target)), "state": .string("queued")])))
            }
            return [.ask(.reprioritise(request, interval: target))]
        case .success(.changeVoice(let voice)):
            guard settings.voices.contains(where: { $0.id == voice }) else { return [.ask(.explainVoice(request, voice: voice))] }
            guard phase == .processing else { return answer(request, .success(Self.voiceResult(voice, from: 0))) }
            return [.ask(.setVoice(request, voice: voice))]
        }
    }

    /// A command's outcome: recorded once per id. A voice change that took is the session's
    /// voice from now on, also after a restart.
    public mutating func answer(_ request: CommandRequest, _ outcome: Result<JSONValue, CommandError>) -> [Action] {
        // Shut down or ended meanwhile: the result would not be recorded, so nothing is kept.
        guard phase != .halted, !log.isFinished else { return [] }
        var actions: [Action] = []
        if case .success = outcome, case .success(.changeVoice(let voice)) = SessionCommand.interpret(request) {
            options.voice = voice
            actions.append(.saveOptions(options))
        }
        let result = CommandResultEvent(id: request.id, name: request.name, result: outcome)
        commands.record(result)
        return actions + record(.commandResult(result))
    }

    /// `change_voice`'s result.
    public static func voiceResult(_ voice: String, from interval: Int) -> JSONValue {
        .object(["voice": .string(voice), "from_interval": .number(Double(interval))])
    }

    /// Cancel or expiry: the pipeline stops and says `cancelled`; with none running the session says it.
    mutating func stopWork() -> [Action] {
        guard !log.isFinished, phase != .halted else { return [] }
        if phase == .processing { return [.ask(.cancel)] }
        return record(.cancelled(CancelledEvent(chunks: 0)))
    }
}
