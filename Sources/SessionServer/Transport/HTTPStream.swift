import Foundation
internal import CLWS

/// An HTTP body going out in pieces as the socket takes them.
final class HTTPStream {
    static let piece = 64 * 1024
    private var body: HTTPResponse.Body
    private var sent: Int64 = 0

    init(body: HTTPResponse.Body) { self.body = body }

    /// Writes the next piece; ends the transaction after the last. `done` runs when finished.
    func writeNext(_ wsi: OpaquePointer, done: () -> Void) -> Int32 {
        let piece: [UInt8]
        let total: Int64
        switch body {
        case .bytes(let bytes):
            total = Int64(bytes.count)
            piece = Array(bytes[Int(sent)..<Int(min(total, sent + Int64(Self.piece)))])
        case .file(let path, let offset, let length):
            total = length
            let count = Int(min(Int64(Self.piece), length - sent))
            var buffer = [UInt8](repeating: 0, count: count)
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return -1 }
            let got = pread(descriptor, &buffer, count, off_t(offset + sent))
            Foundation.close(descriptor)
            guard got == count else { return -1 }
            piece = buffer
        }
        sent += Int64(piece.count)
        let final = sent >= total
        let written = piece.withUnsafeBufferPointer { clws_http_body(wsi, $0.baseAddress, piece.count, final ? 1 : 0) }
        if written < 0 { return -1 }
        if final {
            done()
            return lws_http_transaction_completed(wsi) != 0 ? -1 : 0
        }
        lws_callback_on_writable(wsi)
        return 0
    }
}
