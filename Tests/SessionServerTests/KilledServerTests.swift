import Foundation
import Testing
import SessionModel
import TestSupport

/// `playbyplay serve` as its own process, killed with SIGKILL mid-session and started again on
/// the same data folder: the client resumes and nothing is lost or repeated.
@Suite(.serialized) struct KilledServerTests {
    private static var binary: URL? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let url = folder.appendingPathComponent(".build/debug/playbyplay")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    /// Starts the server and returns it with the port it printed.
    private func launch(_ binary: URL, data: URL) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--data-dir", data.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = Int(text.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else {
            process.terminate()
            throw Tools.Failure(description: "no listening line: \(text)")
        }
        return (process, port)
    }

    @Test func aKilledServerLosesNothing() async throws {
        guard let binary = Self.binary else { return }
        let clip = try ServerHarness.clip.get()
        let data = TestFiles.scratch("killed")
        var (server, port) = try launch(binary, data: data)
        let client = try SessionClient(port: port, file: clip)
        try await client.start()
        try await client.upload(upTo: client.file.count / 2)
        await client.read { $0["type"] as? String == "upload_ack" }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()

        (server, port) = try launch(binary, data: data)
        client.port = port
        try await client.resume()
        try await client.upload()
        await client.read { $0["type"] as? String == "chunk_ready" }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()

        (server, port) = try launch(binary, data: data)
        defer { server.terminate() }
        client.port = port
        client.closeCode = nil
        try await client.resume()
        await client.read()
        #expect(client.types.last == "complete")
        #expect(client.events.map { $0["seq"] as? Int ?? 0 } == Array(1...client.events.count))
        let chunks = client.events.filter { $0["type"] as? String == "chunk_ready" }.compactMap { $0["index"] as? Int }
        #expect(chunks.sorted() == [0, 1])
        let stored = try Data(contentsOf: data.appendingPathComponent("sessions").appendingPathComponent(client.session)
            .appendingPathComponent("upload.bin"))
        #expect(SHA256.hex([UInt8](stored)) == SHA256.hex(client.file))
    }
}
