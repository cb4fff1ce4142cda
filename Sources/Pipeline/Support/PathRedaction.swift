import Foundation
import SessionModel

/// Error and warning messages go to the client, whose business the server's folders are not:
/// a path inside them is cut to what follows the folder (`upload.bin`, `chunk-00003.mp4`).
struct PathRedaction: Sendable {
    private let folders: [String]

    init(_ folders: [URL?]) {
        self.folders = folders.compactMap { $0?.standardizedFileURL.path }.filter { $0.count > 1 }.sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        folders.reduce(text) { text, folder in
            text.replacingOccurrences(of: folder + "/", with: "").replacingOccurrences(of: folder, with: ".")
        }
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
