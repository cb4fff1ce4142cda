import Foundation

/// One HTTP exchange as the cloud providers need it: a method, a URL, headers and a body that
/// is streamed to the server (from memory or from a file, so a large video is never loaded).
struct HTTPRequest: Sendable {
    enum Body: Sendable {
        case none
        case bytes([UInt8])
        case file(URL)
    }

    var method: String
    var url: String
    var headers: [(name: String, value: String)]
    var body: Body
    /// Time allowed to connect (TCP and TLS), and for the whole exchange.
    var connectTimeout: Duration = .seconds(10)
    var timeout: Duration = .seconds(120)

    init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: Body = .none) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A POST of a JSON document.
    static func json(_ url: String, headers: [(name: String, value: String)], body: [UInt8]) -> HTTPRequest {
        HTTPRequest(method: "POST", url: url, headers: headers + [("Content-Type", "application/json")], body: .bytes(body))
    }
}

extension HTTPRequest.Body {
    /// The size in bytes (nil when the file cannot be read).
    var size: Int64? {
        switch self {
        case .none: 0
        case .bytes(let bytes): Int64(bytes.count)
        case .file(let url): (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
        }
    }
}

struct HTTPResponse: Sendable {
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers[name.lowercased()] }
    var text: String { String(decoding: body, as: UTF8.self) }
}
