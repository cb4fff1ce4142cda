import Foundation

/// A program the benchmark runs and measures on its own: its output lines as they come, with
/// the time since it started, and on exit its CPU time and peak memory (from wait4, so each
/// run is measured alone, not the benchmark's process).
final class ChildProcess {
    struct Usage {
        var status: Int32
        var cpuSeconds: Double
        var peakRSSMiB: Double
    }

    let pid: pid_t
    let started = Date()
    private let output: FileHandle
    private let errors: URL
    private var pending = Data()

    init(_ arguments: [String], errorLog: URL) throws {
        let stdoutPipe = Pipe()
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        errors = errorLog
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.fileHandleForWriting.fileDescriptor, STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errorLog.path, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, arguments[0], &actions, nil, &argv, environ)
        try? stdoutPipe.fileHandleForWriting.close()
        guard result == 0 else { throw ExternalTool.Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
        pid = child
        output = stdoutPipe.fileHandleForReading
    }

    /// The next line of standard output and the seconds since the start; nil at its end.
    func nextLine() -> (line: String, at: Double)? {
        while true {
            if let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                return (line, Date().timeIntervalSince(started))
            }
            let more = output.availableData
            guard !more.isEmpty else { return nil }
            pending += more
        }
    }

    /// Resident memory now, in MiB (nil once it has exited).
    var residentMiB: Double? { Self.residentMiB(of: pid) }

    static func residentMiB(of pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kib / 1024
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the exit; the usage of this child alone.
    func wait() -> Usage {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        try? output.close()
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Usage(status: exit, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                     peakRSSMiB: Double(usage.ru_maxrss) / 1024)
    }

    /// The end of its error output, for a failure message.
    var errorTail: String {
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return String(text.suffix(400))
    }

    /// This executable, to run its own commands as children.
    static var selfPath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
