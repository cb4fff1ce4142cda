import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Pipeline
import SessionModel
import TestSupport
@testable import SessionServer

/// Hostile uploads end their session with a clear error (or, when what they lie about is
/// harmless, are processed as what they really are); the server reads no file outside the
/// session's folder and stays up.
@Suite(.timeLimit(.minutes(10)), .serialized) struct HostileMediaTests {
    /// Uploads `file` and reads the session to its end.
    private func session(_ file: URL, port: Int) async throws -> SessionClient {
        let client = try SessionClient(port: port, file: file)
        try await client.start()
        // A session refused from the video's header ends while the upload is still going:
        // the later frames may not go out.
        try? await client.upload()
        await client.read()
        return client
    }

    private func fatalError(_ client: SessionClient) -> (code: String, message: String)? {
        guard let error = client.events.last, error["type"] as? String == "error", error["fatal"] as? Bool == true else { return nil }
        return (error["code"] as? String ?? "", error["message"] as? String ?? "")
    }

    @Test func theCanaryWatchSeesAnOpen() throws {
        let media = try HostileMedia()
        let watch = try FileOpenWatch(media.canary)
        #expect(!watch.touched())
        _ = try Data(contentsOf: media.canary)
        #expect(watch.touched())
    }

    @Test func hostileFilesEndWithAClearErrorAndTouchNothingElse() async throws {
        let media = try HostileMedia()
        let files = try media.all()
        let watch = try FileOpenWatch(media.canary)
        try await ServerHarness.with { server in
            for (name, file, refused) in files {
                let client = try await session(file, port: server.port)
                #expect(client.closeCode == 1000, "\(name)")
                if refused {
                    let error = fatalError(client)
                    #expect(error?.code == "unsupported_media", "\(name): \(client.types)")
                    #expect(error?.message.isEmpty == false, "\(name)")
                    #expect(error?.message.contains(server.configuration.dataDirectory.path) == false, "\(name): \(error?.message ?? "")")
                    #expect(!client.types.contains("media_info"), "\(name)")
                } else {
                    let info = client.events.first { $0["type"] as? String == "media_info" }
                    #expect(info?["width"] as? Int == 320 && info?["height"] as? Int == 240, "\(name)")
                    #expect((info?["duration"] as? Double).map { abs($0 - 20) < 0.1 } == true, "\(name)")
                    #expect(client.types.last == "complete", "\(name)")
                }
            }
            #expect(!watch.touched(), "a hostile upload made the server open the canary")
            let (health, _) = try await http(server.port, "/healthz")
            #expect(String(decoding: health, as: UTF8.self).contains(#""ok":true"#))
        }
    }

    @Test(arguments: [
        MediaLimits(maxDuration: 15),
        MediaLimits(maxLongSide: 300, maxShortSide: 300),
        MediaLimits(maxLongSide: 4096, maxShortSide: 200),
    ])
    func videosOverTheLimitsAreRefusedNamingTheLimit(_ limits: MediaLimits) async throws {
        var configuration = ServerHarness.configuration()
        configuration.mediaLimits = limits
        try await ServerHarness.with(configuration) { server in
            let client = try await session(try ServerHarness.clip.get(), port: server.port)
            let error = fatalError(client)
            #expect(error?.code == "unsupported_media")
            #expect(error?.message.contains("at most") == true)
            #expect(!client.types.contains("media_info") && !client.types.contains("chunk_ready"))
        }
    }
}
