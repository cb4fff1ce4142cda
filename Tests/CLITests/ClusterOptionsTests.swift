import Foundation
import Testing
import TestSupport

/// `serve`'s cluster options, each wrong in one way: the message names what is wrong, and no
/// credential is printed.
@Suite(.timeLimit(.minutes(5)), .enabled(if: BenchSmokeTests.binary != nil, "needs the debug build of playbyplay"))
struct ClusterOptionsTests {
    static let credentials = ["AWS_ACCESS_KEY_ID": "test-access-key", "AWS_SECRET_ACCESS_KEY": "test-secret-key"]

    @Test(arguments: [
        (["--cluster", "redis://127.0.0.1:6379"], "--cluster and --store go together"),
        (["--cluster", "localhost:6379", "--store", "s3://b?endpoint=http://127.0.0.1:9"], "is not a redis://HOST:PORT URL"),
        (["--cluster", "redis://127.0.0.1:6379", "--store", "b?endpoint=x"], "is not an s3://BUCKET URL"),
        (["--cluster", "redis://127.0.0.1:6379", "--store", "s3://b?endpoint=http://127.0.0.1:9", "--node", "Node A"], "must be 1-40 lower-case"),
        (["--node", "a"], "--node names a server in a cluster"),
        (["--trusted-proxy", "nginx.local"], "--trusted-proxy: 'nginx.local' is not an IPv4 or IPv6 address"),
        (["--max-connections-per-client", "0"], "--max-connections-per-client must be at least 1, not 0"),
        (["--max-upload-bytes-per-second", "10"], "--max-upload-bytes-per-second must be at least 1024, not 10"),
    ])
    func aWrongClusterOptionIsNamed(arguments: [String], message: String) async throws {
        let run = try await offPool { try CommandLineTests.run(["serve", "--port", "0"] + arguments, environment: Self.credentials) }
        #expect(run.status != 0)
        #expect(run.errors.contains(message), "\(run.errors)")
    }

    @Test func anUnreachableRedisIsNamedAndThePasswordIsNot() async throws {
        let data = TestFiles.scratch("cli-cluster")
        let run = try await offPool {
            try CommandLineTests.run(["serve", "--port", "0", "--data-dir", data.path, "--cluster", "redis://:hunter2secret@127.0.0.1:1",
                                      "--store", "s3://b?endpoint=http://127.0.0.1:9"], environment: Self.credentials)
        }
        #expect(run.status == 2)
        #expect(run.errors.contains("Redis at redis://127.0.0.1:1/0 cannot be reached"), "\(run.errors)")
        #expect(!(run.errors + run.output).contains("hunter2secret"))
    }
}
