import Foundation
import SessionModel

/// events.jsonl: one JSON line per event, appended and never rewritten.
final class FileEventJournal: EventJournal, @unchecked Sendable {
    let file: URL
    private let lock = NSLock()
    private var handle: FileHandle?

    init(file: URL) {
        self.file = file
    }

    func append(_ entry: SequencedEvent) throws {
        var line = try JSONEncoder().encode(entry)
        line.append(0x0A)
        try lock.withLock {
            if handle == nil {
                if !FileManager.default.fileExists(atPath: file.path) { FileManager.default.createFile(atPath: file.path, contents: nil) }
                handle = try FileHandle(forWritingTo: file)
            }
            try handle!.seekToEnd()
            try handle!.write(contentsOf: line)
        }
    }

    /// The events written so far (a torn last line, from a crash mid-write, is dropped).
    func load() -> [SequencedEvent] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(SequencedEvent.self, from: Data($0)) }
    }

    func close() {
        lock.withLock {
            try? handle?.close()
            handle = nil
        }
    }
}
