import Foundation
import SessionModel

/// What a session keeps about itself besides its events and upload.
struct SessionMeta: Codable, Sendable {
    var id: String
    var mediaKey: String
    var tokenHash: String
    var options: SessionOptions
    var uploadName: String?
    var uploadSize: Int64?
    var uploadSHA256: String?
    /// The client said it can send any byte range (nil in sessions made before it could).
    var uploadSeekable: Bool?
    var created: Date
}

/// The upload's stored ranges and where the client was last asked to send (upload.json),
/// written after each acknowledgement: a restarted server asks for the same run again.
struct UploadRecord: Codable, Sendable, Equatable {
    var ranges: ByteRanges
    var position: Int64
}

/// A session's folder: meta.json, events.jsonl (its `journal`, each event written before it
/// is sent), upload.bin, and out/ for the pipeline. All names are fixed; the folder is the session id,
/// which the server made. In cluster mode (`share`) the journal is in Redis and the folder is
/// this server's working copy of what the cluster keeps.
final class SessionStore: @unchecked Sendable {
    let folder: URL
    private let lock = NSLock()
    private var upload: FileHandle?
    let journal: any EventJournal
    let share: SessionShare?

    init(dataDirectory: URL, id: String, share: SessionShare? = nil) {
        folder = dataDirectory.appendingPathComponent("sessions").appendingPathComponent(id)
        self.share = share
        journal = share?.journal ?? FileEventJournal(file: folder.appendingPathComponent("events.jsonl"))
    }

    var output: URL { folder.appendingPathComponent("out") }
    var uploadFile: URL { folder.appendingPathComponent("upload.bin") }
    private var metaFile: URL { folder.appendingPathComponent("meta.json") }
    private var uploadRecordFile: URL { folder.appendingPathComponent("upload.json") }

    func create() throws {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: uploadFile.path) {
            FileManager.default.createFile(atPath: uploadFile.path, contents: nil)
        }
    }

    func save(_ meta: SessionMeta) throws {
        try JSONEncoder().encode(meta).write(to: metaFile, options: .atomic)
    }

    func loadMeta() throws -> SessionMeta {
        try JSONDecoder().decode(SessionMeta.self, from: Data(contentsOf: metaFile))
    }

    func writeUpload(_ bytes: ArraySlice<UInt8>, at offset: Int64) throws {
        try lock.withLock {
            if upload == nil { upload = try FileHandle(forWritingTo: uploadFile) }
            try upload!.seek(toOffset: UInt64(offset))
            try upload!.write(contentsOf: bytes)
        }
    }

    func save(_ record: UploadRecord) throws {
        try JSONEncoder().encode(record).write(to: uploadRecordFile, options: .atomic)
    }

    /// The upload's ranges as last acknowledged; for a session without a record (an older one),
    /// the stored file from its start.
    func loadUploadRecord() -> UploadRecord {
        if let data = try? Data(contentsOf: uploadRecordFile), let record = try? JSONDecoder().decode(UploadRecord.self, from: data) {
            return record
        }
        let size = uploadSize
        return UploadRecord(ranges: ByteRanges(size > 0 ? [0..<size] : []), position: size)
    }

    /// Cuts the upload to `length` bytes (what the session acknowledged).
    func truncateUpload(to length: Int64) throws {
        try lock.withLock {
            if upload == nil { upload = try FileHandle(forWritingTo: uploadFile) }
            try upload!.truncate(atOffset: UInt64(length))
        }
    }

    var uploadSize: Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: uploadFile.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    func close() {
        journal.close()
        lock.withLock {
            try? upload?.close()
            upload = nil
        }
    }

    func delete() {
        close()
        try? FileManager.default.removeItem(at: folder)
    }
}
