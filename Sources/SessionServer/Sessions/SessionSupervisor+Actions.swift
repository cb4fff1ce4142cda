import Cluster
import Commentary
import Foundation
import Logging
import Media
import Pipeline
import SessionModel

/// How the supervisor carries out its machine's actions.
extension SessionSupervisor {
    /// Actions, with the questions only the pipeline or a provider can answer.
    func perform(_ actions: [SessionMachine.Action]) async {
        countPhase()
        for action in actions {
            guard !lost else { return }
            switch action {
            case .ask(let question): await perform(answer(question))
            case .requestProcessing: await registry?.requestProcessing(self)
            case .ended: await ended()
            case .verifyChecksum: await verifyChecksum()
            default: carryOut(action)
            }
        }
    }

    private func answer(_ question: SessionMachine.Question) async -> [SessionMachine.Action] {
        switch question {
        case .cancel:
            await pipeline?.cancel()
            return []
        case .reprioritise(let request, let interval):
            guard let answer = await pipeline?.prioritise(interval: interval) else {
                return machine.answer(request, .failure(.invalidArgs("interval \(interval) is past the end of the video")))
            }
            return machine.answer(request, .success(.object(["interval": .number(Double(answer.interval)), "state": .string(answer.state.rawValue)])))
        case .setVoice(let request, let voice):
            switch await pipeline?.setVoice(voice) ?? .success(0) {
            case .success(let from): return machine.answer(request, .success(SessionMachine.voiceResult(voice, from: from)))
            // Listed, yet it cannot speak now (a model that failed to load, say): the session keeps its voice.
            case .failure(let error): return machine.answer(request, .failure(CommandError(code: "voice_unavailable", message: error.message)))
            }
        case .explainVoice(let request, let voice):
            var message = "unknown voice '\(voice)' (welcome.voices lists the voices that speak)"
            do throws(ProviderError) {
                try await providers.synthesizer.checkVoice(voice)
            } catch {
                message = error.message
            }
            return machine.answer(request, .failure(CommandError(code: "unknown_voice", message: message)))
        }
    }

    /// An action that needs no waiting.
    private func carryOut(_ action: SessionMachine.Action) {
        switch action {
        case .send(let connection, let message): afterWrites { [outlet] in outlet.send(connection, message.bytes, binary: false) }
        case .close(let connection, let code, let reason): afterWrites { [outlet] in outlet.close(connection, code: code.rawValue, reason: reason) }
        case .persist(let entry):
            if let writes, let share = store.share {
                if let mirror, entry.event.announcesMedia { writes.write("outputs") { () throws(ClusterError) in try mirror.sync() } }
                writes.write("event \(entry.seq)") { () throws(ClusterError) in try share.journal.append(entry) }
            } else {
                do {
                    try store.journal.append(entry)
                } catch {
                    // The event still goes out; a resume after a restart will not replay it.
                    logger.error("event not journaled", metadata: ["event.seq": "\(entry.seq)", "error.message": "\(error)"])
                }
            }
            if case .complete(let complete) = entry.event, let usage = complete.stats.usage { metrics.providers(usage) }
        case .saveToken(let hash):
            meta.tokenHash = hash
            saveMeta()
        case .saveOptions(let options):
            meta.options = options
            saveMeta()
        case .saveUploadRecord(let ranges, let position):
            let record = UploadRecord(ranges: ranges, position: position)
            try? store.save(record)
            if let writes, let share = store.share { writes.write("upload record") { () throws(ClusterError) in try share.save(record) } }
        case .log(let line): line.write(to: logger)
        case .startExpiry(let seconds): startExpiry(after: seconds)
        case .cancelExpiry: expiry?.cancel()
        case .uploadComplete: progress.finish()
        case .store, .ask, .requestProcessing, .ended, .verifyChecksum: assertionFailure("\(action) is carried out by receive or perform")
        }
    }

    /// A send or close: at once, or in cluster mode after the writes queued before it.
    private func afterWrites(_ send: @escaping @Sendable () -> Void) {
        if let writes { writes.then(send) } else { send() }
    }

    private func saveMeta() {
        try? store.save(meta)
        if let writes, let share = store.share {
            let meta = meta
            writes.write("meta") { () throws(ClusterError) in try share.save(meta) }
        }
    }

    /// Moves the session's count to the state its machine is in now.
    func countPhase() {
        guard counted != nil, machine.phase != counted, machine.phase != .halted else { return }
        metrics.session(from: counted, to: machine.phase)
        counted = machine.phase
    }

    private func startExpiry(after seconds: Int) {
        expiry?.cancel()
        expiry = Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            guard !Task.isCancelled else { return }
            await self?.expire()
        }
    }

    private func expire() async { await perform(machine.expire()) }

    /// The hash of what arrived in order is ready; bytes stored out of order are hashed from
    /// the file, off the actor.
    private func verifyChecksum() async {
        guard let hash else { return }
        if let digest = hash.digest(size: machine.upload.offset) { return await checksumDone(digest) }
        let (file, size) = (store.uploadFile, machine.upload.offset)
        checksum = Task { [weak self] in
            let digest = await Offload.run { hash.digest(of: file, size: size) }
            await self?.checksumDone(digest)
        }
    }

    private func checksumDone(_ digest: String) async { await perform(machine.checksumVerified(digest)) }

    /// The terminal event is out: the upload's reader ends, the pipeline stops, the slot frees.
    private func ended() async {
        if let writes, let share = store.share {
            let (mediaKey, retention) = (mediaKey, configuration.retention)
            writes.write("finished") { () throws(ClusterError) in
                try share.services.catalog.finished(share.session, mediaKey: mediaKey, retention: retention)
            }
        }
        progress.abort()
        if machine.phase != .halted { await pipeline?.halt() }
        await registry?.finished(self)
    }
}
