import Foundation
import SessionModel

/// Error and warning messages go to the client, whose business the server's folders are not:
/// a path inside them is cut to what follows the folder (`chunk-00003.mp4`), and the stored
/// source's name (`upload.bin`) becomes the one the user gave it (`match.mp4`).
struct PathRedaction: Sendable {
    private let folders: [String]
    private let source: (stored: String, shown: String)?

    init(_ folders: [URL?], source: (stored: String, shown: String)? = nil) {
        self.folders = folders.compactMap { $0?.standardizedFileURL.path }.filter { $0.count > 1 }.sorted { $0.count > $1.count }
        self.source = source
    }

    func redact(_ text: String) -> String {
        let cut = folders.reduce(text) { text, folder in
            text.replacingOccurrences(of: folder + "/", with: "").replacingOccurrences(of: folder, with: ".")
        }
        guard let source, !source.stored.isEmpty else { return cut }
        return cut.replacingOccurrences(of: source.stored, with: source.shown)
    }

    func redact(_ event: ServerEvent) -> ServerEvent {
        switch event {
        case .error(var error):
            error.message = redact(error.message)
            return .error(error)
        case .warning(var warning):
            warning.message = redact(warning.message)
            return .warning(warning)
        default:
            return event
        }
    }
}
