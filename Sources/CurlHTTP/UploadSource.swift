import Foundation

/// A request body read piece by piece as curl sends it: from memory, or from a file so a
/// large video never sits in memory whole.
struct UploadSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let file: FileHandle?
    let size: Int64

    init(_ body: HTTPRequest.Body) throws(CurlError) {
        switch body {
        case .none, .bytes:
            if case .bytes(let data) = body { bytes = data } else { bytes = [] }
            file = nil
            size = Int64(bytes.count)
        case .file(let url):
            bytes = []
            guard let handle = FileHandle(forReadingAtPath: url.path),
                  let length = body.size else {
                throw CurlError(.invalidRequest, "cannot read \(url.lastPathComponent)")
            }
            file = handle
            size = length
        }
    }

    /// Fills `buffer` with the next bytes; 0 at the end, nil when the file cannot be read.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        if let file {
            guard let data = try? file.read(upToCount: buffer.count) else { return nil }
            return data.copyBytes(to: buffer)
        }
        let count = min(buffer.count, bytes.count - offset)
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
        }
        offset += count
        return count
    }
}
