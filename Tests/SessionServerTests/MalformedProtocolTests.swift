import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import SessionModel
import TestSupport
@testable import SessionServer

/// Hostile and broken clients (Corpus/malformed.json): each case gets the answer PROTOCOL.md
/// gives it, the server stays up, and a session that was running all along is untouched.
@Suite(.timeLimit(.minutes(10)), .serialized) struct MalformedProtocolTests {
    @Test func theCorpusIsLargeAndEveryCaseSaysWhatMustHappen() throws {
        let corpus = try ProtocolCase.corpus()
        #expect(corpus.count >= 50)
        #expect(Set(corpus.map(\.name)).count == corpus.count)
        for entry in corpus { #expect((entry.expect.close == nil) != (entry.expect.reply == nil), "\(entry.name)") }
    }

    @Test func everyCaseIsAnsweredAndAnotherSessionIsUntouched() async throws {
        let corpus = try ProtocolCase.corpus()
        let clip = try ServerHarness.clip.get()
        let configuration = ServerHarness.configuration()
        try await ServerHarness.with(configuration) { server in
            let bystander = try SessionClient(port: server.port, file: clip)
            try await bystander.start()
            try await bystander.upload(upTo: bystander.file.count / 2)

            for entry in corpus {
                let outcome = try await offPool { [port = server.port] in try entry.play(port: port) }
                if let code = entry.expect.close {
                    #expect(outcome == .closed(code), "\(entry.name): \(outcome)")
                } else if case .replied(let message, let open) = outcome {
                    #expect(entry.matches(message) && open, "\(entry.name): \(outcome)")
                } else {
                    Issue.record("\(entry.name): \(outcome)")
                }
            }

            let (health, response) = try await http(server.port, "/healthz")
            #expect(response.statusCode == 200 && String(decoding: health, as: UTF8.self).contains(#""ok":true"#))
            // Its socket went unread during the corpus: on a slow machine the server may have
            // dropped it for unanswered pings (60 s); then it resumes, as any client would.
            if (try? await bystander.upload()) == nil {
                try await bystander.resume()
                try await bystander.upload()
            }
            await bystander.read()
            #expect(bystander.types.last == "complete")
            #expect(bystander.events.map { $0["seq"] as? Int ?? 0 } == Array(1...bystander.events.count))
            #expect(try bystander.storedUpload(in: configuration.dataDirectory) == bystander.file)
        }
    }

    /// Two sessions uploading frame by frame in turn; one socket also sends the other
    /// session's resume `hello` (a second hello: 4400) and resumes its own. Each session
    /// stores exactly its own bytes and completes.
    @Test func interleavedSessionsKeepTheirOwnBytes() async throws {
        let first = try ServerHarness.clip.get()
        let second = try ServerHarness.otherClip.get()
        let configuration = ServerHarness.configuration()
        try await ServerHarness.with(configuration) { server in
            let a = try SessionClient(port: server.port, file: first)
            let b = try SessionClient(port: server.port, file: second)
            try await a.start()
            try await b.start()
            let step = 65_536
            var offset = step
            while offset < max(a.file.count, b.file.count) / 2 {
                try await a.upload(upTo: offset)
                try await b.upload(upTo: offset)
                offset += step
            }
            try await a.send(#"{"type":"hello","mode":"resume","session":"\#(b.session)","resume_token":"\#(b.token)","last_seq":0}"#)
            await a.read()
            #expect(a.closeCode == 4400)
            a.closeCode = nil
            try await a.resume()
            try await b.upload()
            try await a.upload()
            async let doneA: Void = a.read()
            async let doneB: Void = b.read()
            _ = await (doneA, doneB)
            for client in [a, b] {
                #expect(client.types.last == "complete")
                #expect(client.closeCode == 1000)
                #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count))
                #expect(try client.storedUpload(in: configuration.dataDirectory) == client.file)
            }
        }
    }
}
