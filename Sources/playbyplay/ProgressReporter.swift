import Foundation
import SessionModel

/// Shows a run's events: JSON lines with --json; on a terminal a progress bar with an ETA;
/// otherwise one line per chunk, warning and error.
final class ProgressReporter {
    private let json: Bool
    private let terminal = isatty(STDOUT_FILENO) != 0
    private let started = Date()
    private let directory: URL
    private let encoder = JSONEncoder()

    init(json: Bool, directory: URL) {
        self.json = json
        self.directory = directory
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func show(_ event: ServerEvent) {
        if json {
            if let data = try? encoder.encode(event) { Console.line(String(decoding: data, as: UTF8.self)) }
            return
        }
        switch event {
        case .status(let status) where terminal:
            let width = 30, filled = Int(status.progress / 100 * Double(width))
            let elapsed = Date().timeIntervalSince(started)
            let eta = status.progress > 1 ? String(format: " ETA %.0f s", elapsed * (100 - status.progress) / status.progress) : ""
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            Console.write("\r\u{1B}[2K[\(bar)] \(String(format: "%5.1f", status.progress))%\(eta)  \(status.message)")
        case .chunkReady(let chunk) where !terminal:
            Console.line(String(format: "chunk %d ready: %.2f-%.2f s", chunk.index, chunk.start, chunk.end))
        case .warning(let warning):
            line("warning \(warning.code): \(warning.message)")
        case .error(let error) where !error.fatal:
            line("\(error.fatal ? "error" : "chunk error") \(error.code): \(error.message)")
        case .complete(let complete):
            line(String(format: "done: %d chunks in %.1f s (first after %.1f s) → %@", complete.chunks,
                        Double(complete.stats.totalMs) / 1000, Double(complete.stats.firstChunkMs ?? 0) / 1000, directory.path))
        case .cancelled(let cancelled):
            let partial = cancelled.partialVideo.map { " → \(directory.appendingPathComponent(URL(fileURLWithPath: $0).lastPathComponent).path)" } ?? ""
            line("cancelled after \(cancelled.chunks) chunks\(partial)")
        default:
            break
        }
    }

    private func line(_ text: String) {
        Console.line(terminal ? "\r\u{1B}[2K\(text)" : text)
    }

    func finish() {
        if terminal && !json { Console.line("") }
    }
}
