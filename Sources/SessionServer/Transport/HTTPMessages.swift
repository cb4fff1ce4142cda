/// An HTTP request as the transport hands it over.
struct HTTPRequest: Sendable {
    var method: String
    var path: String
    var range: String?
}

/// An HTTP response: status, type, extra headers, and a body in memory or a stretch of a file.
struct HTTPResponse: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        case file(path: String, offset: Int64, length: Int64)
    }

    var status: UInt32
    var contentType: String?
    var headers: [(String, String)] = []
    var body: Body = .bytes([])
    /// Set when the answer takes blocking work (a read from the object store): the transport
    /// runs it off the loop and sends what it returns; the other fields are unused.
    var later: (@Sendable () -> HTTPResponse)?

    var contentLength: Int64 {
        switch body {
        case .bytes(let bytes): Int64(bytes.count)
        case .file(_, _, let length): length
        }
    }

    static func later(_ work: @escaping @Sendable () -> HTTPResponse) -> HTTPResponse {
        HTTPResponse(status: 0, later: work)
    }

    static func text(_ status: UInt32, _ text: String, type: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, contentType: type, body: .bytes(Array(text.utf8)))
    }
}
