import Foundation
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing
import TestSupport
@testable import SessionServer

/// `serve` as a service: a graceful shutdown closes every socket with 1001 once the session is
/// on disk, and a server started on the same folder continues it.
@Suite(.timeLimit(.minutes(10))) struct GracefulShutdownTests {
    @Test func aGracefulShutdownClosesWith1001AndTheSessionContinues() async throws {
        let configuration = ServerHarness.configuration()
        let clip = try ServerHarness.clip.get()
        let client = try await testGracefulShutdown { trigger in
            let server = try await SessionServer(configuration: configuration, providers: ServerHarness.espeakProviders)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                // The loop runs before a client connects: the run task may not be scheduled
                // while the client's blocking handshake holds a thread of the pool.
                server.start()
                group.addTask { try await server.run() }
                let client = try SessionClient(port: server.port, file: clip)
                try await client.start()
                try await client.upload(upTo: client.file.count / 2)
                await client.read { $0["type"] as? String == "upload_ack" }
                trigger.triggerGracefulShutdown()
                await client.read()
                try await group.waitForAll()
                return client
            }
        }
        #expect(client.closeCode == 1001, "the shutdown said the server is going away")
        try await ServerHarness.with(configuration) { server in
            client.port = server.port
            client.closeCode = nil
            try await client.resume()
            try await client.upload()
            await client.read()
        }
        #expect(client.types.last == "complete")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count), "nothing lost or repeated")
    }

    @Test func finishedSessionsAreSweptAfterTheirRetention() async throws {
        var configuration = ServerHarness.configuration()
        configuration.retention = .seconds(1)
        let clip = try ServerHarness.clip.get()
        try await testGracefulShutdown { trigger in
            let server = try await SessionServer(configuration: configuration, providers: ServerHarness.espeakProviders)
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The loop runs before a client connects: the run task may not be scheduled
                // while the client's blocking handshake holds a thread of the pool.
                server.start()
                group.addTask { try await server.run() }
                let client = try SessionClient(port: server.port, file: clip)
                try await client.start()
                try await client.upload()
                await client.read()
                #expect(client.types.last == "complete")
                let folder = configuration.dataDirectory.appendingPathComponent("sessions").appendingPathComponent(client.session)
                #expect(FileManager.default.fileExists(atPath: folder.path))
                try await eventually("the session deleted after its retention") { !FileManager.default.fileExists(atPath: folder.path) }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }
}
