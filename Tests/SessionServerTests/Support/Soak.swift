import Foundation

/// PLAYBYPLAY_SOAK=1 turns the long runs on (many kill points, the load soak); without it the
/// same tests run a short version.
enum Soak {
    static var enabled: Bool { ProcessInfo.processInfo.environment["PLAYBYPLAY_SOAK"] == "1" }

    /// A number from the environment, or `otherwise`.
    static func number(_ name: String, otherwise: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? otherwise
    }

    /// A line for the soak report (stderr, so it shows beside the test output).
    static func report(_ line: String) {
        FileHandle.standardError.write(Data("soak: \(line)\n".utf8))
    }
}
