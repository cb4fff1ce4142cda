internal import CCurl

/// A transfer that did not produce a response, from libcurl's code and message.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case timedOut
        case cannotConnect
        /// The task waiting for the transfer was cancelled, and the transfer aborted.
        case cancelled
        case tls
        /// The connection broke, or the server closed it without a complete reply.
        case connectionLost
        case invalidRequest
        case other
    }

    public var reason: Reason
    public var code: Int32
    public var message: String

    public init(_ reason: Reason, code: Int32 = -1, _ message: String) {
        self.reason = reason
        self.code = code
        self.message = message
    }

    init(_ code: CURLcode, detail: String) {
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        self.init(Self.reason(code), code: Int32(code.rawValue), text)
    }

    /// Whether trying again may succeed.
    public var isTransient: Bool { [.timedOut, .cannotConnect, .connectionLost].contains(reason) }
    public var description: String { message }

    private static func reason(_ code: CURLcode) -> Reason {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .cannotConnect
        case CURLE_ABORTED_BY_CALLBACK: .cancelled
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE: .tls
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE: .connectionLost
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: .invalidRequest
        default: .other
        }
    }
}
