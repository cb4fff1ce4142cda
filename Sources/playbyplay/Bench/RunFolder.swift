import Foundation

/// One benchmark run's own folder under the work folder: made empty for the run and removed
/// after it unless the user keeps the outputs. A full bench writes gigabytes of chunks,
/// session uploads and caches; only the generated input clip is worth keeping between runs.
struct RunFolder {
    let url: URL
    private let keep: Bool

    init(_ name: String, in work: URL, keep: Bool) throws {
        url = work.appendingPathComponent(name)
        self.keep = keep
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func appendingPathComponent(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Removes the folder unless kept; called on every path out of the run.
    func finish() {
        if !keep { try? FileManager.default.removeItem(at: url) }
    }
}
