public import Foundation

/// One HTTP exchange as the cloud providers need it: a method, a URL, headers and a body that
/// is streamed to the server (from memory or from a file, so a large video is never loaded).
public struct HTTPRequest: Sendable {
    public enum Body: Sendable {
        case none
        case bytes([UInt8])
        case file(URL)
    }

    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Body
    /// Signs the request with AWS Signature V4 (libcurl's own), for S3-compatible stores.
    public var signature: AWSSignature?
    /// Time allowed to connect (TCP and TLS), and for the whole exchange.
    public var connectTimeout: Duration = .seconds(10)
    public var timeout: Duration = .seconds(120)

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: Body = .none) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A POST of a JSON document.
    public static func json(_ url: String, headers: [(name: String, value: String)], body: [UInt8]) -> HTTPRequest {
        HTTPRequest(method: "POST", url: url, headers: headers + [("Content-Type", "application/json")], body: .bytes(body))
    }
}

extension HTTPRequest.Body {
    /// The size in bytes (nil when the file cannot be read).
    public var size: Int64? {
        switch self {
        case .none: 0
        case .bytes(let bytes): Int64(bytes.count)
        case .file(let url): (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
        }
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// AWS Signature V4 credentials and scope: `provider` is libcurl's CURLOPT_AWS_SIGV4 string,
/// "aws:amz:REGION:SERVICE". Never part of a description or a log line.
public struct AWSSignature: Sendable {
    public var provider: String
    public var accessKey: String
    public var secretKey: String

    public init(region: String, service: String, accessKey: String, secretKey: String) {
        provider = "aws:amz:\(region):\(service)"
        self.accessKey = accessKey
        self.secretKey = secretKey
    }
}
