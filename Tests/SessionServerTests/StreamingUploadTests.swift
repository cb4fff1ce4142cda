import Foundation
import Hashing
import SessionModel
import Testing
import TestSupport
@testable import SessionServer

/// Uploads that do not start with an index are processed while they arrive: a seekable
/// client sends an MP4's trailing index first when asked; Matroska and MPEG-TS are planned
/// from their first bytes, of known size or not.
@Suite(.timeLimit(.minutes(10)), .serialized) struct StreamingUploadTests {
    private let options = #"{"interval_s":10,"first_interval_s":4}"#

    private func mediaInfos(_ client: SessionClient) -> [[String: Any]] {
        client.events.filter { $0["type"] as? String == "media_info" }
    }

    @Test func anIndexAfterTheMediaDataIsAskedForFirst() async throws {
        let clip = try StreamingClips.indexLast.get()
        let mediaEnd = try StreamingClips.mediaDataEnd(clip)
        let configuration = ServerHarness.configuration()
        try await ServerHarness.with(configuration) { server in
            let client = try SessionClient(port: server.port, file: clip)
            let size = client.file.count
            try await client.start(options: options, sha256: hexString(SHA256.hash(client.file)), seekable: true)
            #expect(client.lastWelcome["upload"].flatMap { ($0 as? [String: Any])?["want"] as? Int } == 0)
            try await client.send(0..<65_536)
            await client.read { $0["type"] as? String == "upload_want" }
            #expect(client.wants == [mediaEnd])
            // The index, then the lowest missing byte.
            try await client.send(mediaEnd..<size)
            await client.read { $0["type"] as? String == "upload_want" }
            #expect(client.wants == [mediaEnd, 65_536])
            // The first chunk comes with 40 % of the file still unsent.
            try await client.send(65_536..<(size * 6 / 10))
            await client.read { $0["type"] as? String == "chunk_ready" }
            #expect(client.types.last == "chunk_ready")
            #expect(mediaInfos(client).first?["duration"] as? Double != nil)
            try await client.send((size * 6 / 10)..<mediaEnd)
            await client.read()
            #expect(client.types.last == "complete", "\(client.types)")
            #expect(!client.types.contains("error"))
            #expect(try client.storedUpload(in: configuration.dataDirectory) == client.file)
        }
    }

    /// Stored out of order, the upload is still checked whole: the bytes hashed in order and
    /// the rest read back from the file.
    @Test func anIndexFirstUploadWithTheWrongChecksumIsRefused() async throws {
        let clip = try StreamingClips.indexLast.get()
        let mediaEnd = try StreamingClips.mediaDataEnd(clip)
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            let size = client.file.count
            var wrong = client.file
            wrong[size / 2] ^= 0xFF
            try await client.start(options: options, sha256: hexString(SHA256.hash(wrong)), seekable: true)
            try await client.send(0..<65_536)
            await client.read { $0["type"] as? String == "upload_want" }
            try await client.send(mediaEnd..<size)
            await client.read { $0["type"] as? String == "upload_want" }
            try await client.send(65_536..<mediaEnd)
            await client.read()
            let errors = client.events.filter { $0["type"] as? String == "error" }
            #expect(errors.compactMap { $0["code"] as? String } == ["checksum_mismatch"], "\(client.types)")
        }
    }

    @Test(arguments: ["mkv", "ts"])
    func aStreamingContainerStartsOnItsFirstBytes(kind: String) async throws {
        let clip = try StreamingClips.remuxed(kind)
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            let size = client.file.count
            try await client.start(options: options)
            try await client.send(0..<(size * 6 / 10))
            await client.read { $0["type"] as? String == "chunk_ready" }
            #expect(client.types.last == "chunk_ready", "\(client.types)")
            // Planned as it arrives: the end is not known yet.
            #expect(mediaInfos(client).count == 1)
            #expect(mediaInfos(client).first?["duration"] is NSNull && mediaInfos(client).first?["intervals"] is NSNull)
            try await client.send((size * 6 / 10)..<size)
            await client.read()
            #expect(client.types.last == "complete", "\(client.types)")
            let final = try #require(mediaInfos(client).last)
            #expect(mediaInfos(client).count == 2)
            #expect(abs((final["duration"] as? Double ?? 0) - 40) < 0.1 && final["intervals"] as? Int == 5)
            let chunks = client.events.filter { $0["type"] as? String == "chunk_ready" }
            #expect(chunks.map { $0["index"] as? Int } == [0, 1, 2, 3, 4])
            #expect(abs((chunks.first?["end"] as? Double ?? 0) - 4) < 0.1)
        }
    }

    @Test func aStreamOfUnknownSizeIsProcessedAsItComes() async throws {
        let clip = try StreamingClips.remuxed("mkv")
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            let size = client.file.count
            try await client.start(options: options, sizeKnown: false)
            try await client.send(0..<(size * 6 / 10))
            await client.read { $0["type"] as? String == "chunk_ready" }
            #expect(client.types.last == "chunk_ready", "\(client.types)")
            try await client.send((size * 6 / 10)..<size)
            try await client.send(#"{"type":"upload_end"}"#)
            await client.read()
            #expect(client.types.last == "complete", "\(client.types)")
            #expect(mediaInfos(client).map { $0["duration"] is NSNull } == [true, false])
        }
    }

    /// A client that cannot seek uploads an index-last MP4 in order, as in protocol v1.
    @Test func aClientThatCannotSeekUploadsInOrder() async throws {
        let clip = try StreamingClips.indexLast.get()
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: clip)
            try await client.start(options: options)
            #expect(client.lastWelcome["upload"].flatMap { ($0 as? [String: Any])?["want"] } == nil)
            try await client.upload()
            await client.read()
            #expect(client.wants.isEmpty)
            #expect(client.types.last == "complete", "\(client.types)")
        }
    }
}

/// A file that is no video is refused on its first frame, in the user's words.
@Suite(.timeLimit(.minutes(10))) struct NotAVideoUploadTests {
    @Test func aRenamedTextFileIsRefusedOnItsFirstFrameNamingTheUsersFile() async throws {
        let text = TestFiles.scratch("not-video").appendingPathComponent("notes.mp4")
        try Data(String(repeating: "these are my notes, not a video\n", count: 40_000).utf8).write(to: text)
        try await ServerHarness.with { server in
            let client = try SessionClient(port: server.port, file: text)
            client.uploadName = "holiday.mp4"
            try await client.start()
            try await client.send(0..<65_536)
            await client.read()
            let error = try #require(client.events.first { $0["type"] as? String == "error" })
            #expect(error["code"] as? String == "unsupported_media")
            let message = error["message"] as? String ?? ""
            #expect(message.contains("holiday.mp4") && !message.contains("upload.bin"), "\(message)")
            #expect(client.closeCode == CloseCode.terminal.rawValue)
            // Refused long before the rest of the 1.3 MB was sent.
            #expect(client.acked <= 65_536)
        }
    }
}
