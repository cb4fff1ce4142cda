import Foundation
import Testing
import SessionModel
import TestSupport
@testable import SessionServer

/// The data folder's disk fills up mid-upload: the session ends with a clear error, what is on
/// disk stays whole, and a restarted server holds the session as finished.
@Suite(.timeLimit(.minutes(10)), .serialized) struct FullDiskTests {
    @Test func aFullDiskEndsTheSessionClearlyAndCorruptsNothing() async throws {
        guard let disk = try await offPool({ TinyDisk(kilobytes: 1024) }) else { return }
        defer { disk.unmount() }
        let configuration = ServerHarness.configuration(disk.folder.appendingPathComponent("data"))
        let client = try SessionClient(port: 0, file: try ServerHarness.clip.get())
        try await ServerHarness.with(configuration) { server in
            client.port = server.port
            try await client.start()
            // The server stops reading when it fails: later frames may not go out.
            try? await client.upload()
            await client.read()
        }
        #expect(client.closeCode == 1000)
        let error = try #require(client.events.last)
        #expect(error["type"] as? String == "error" && error["code"] as? String == "internal" && error["fatal"] as? Bool == true)
        let message = error["message"] as? String ?? ""
        #expect(message.contains("cannot be stored") && message.contains("space"), "\(message)")
        #expect(!message.contains(disk.folder.path))

        let folder = configuration.dataDirectory.appendingPathComponent("sessions").appendingPathComponent(client.session)
        let stored = try client.storedUpload(in: configuration.dataDirectory)
        #expect(!stored.isEmpty && stored.count < client.file.count)
        #expect(Array(client.file.prefix(stored.count)) == stored, "the stored upload is not a prefix of the file")
        let lines = try Data(contentsOf: folder.appendingPathComponent("events.jsonl")).split(separator: 0x0A)
        let logged = try lines.map { try JSONDecoder().decode(SequencedEvent.self, from: Data($0)) }
        #expect(logged.map(\.seq) == Array(1...logged.count))
        #expect(logged.count == client.events.count)
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("meta.json"))) is [String: Any])

        try await ServerHarness.with(configuration) { server in
            client.port = server.port
            client.closeCode = nil
            try await client.resume()
            #expect(client.lastWelcome["finished"] as? Bool == true)
            await client.read()
            #expect(client.closeCode == 1000)
        }
    }
}
