internal import CCurl
internal import CCurlShims
import Foundation

/// One request on one curl easy handle. Owned and touched only by the thread that calls
/// `perform` (curl calls the callbacks on that thread too); freed in `deinit`.
public final class CurlTransfer {
    private var handle: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let request: HTTPRequest
    private let cancellation: CancellationFlag
    private var upload: UploadSource
    private var received: [UInt8] = []
    private var headers: [String: String] = [:]
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

    public init(_ request: HTTPRequest, cancellation: CancellationFlag = CancellationFlag()) throws(CurlError) {
        CurlGlobal.initialise()
        self.request = request
        self.cancellation = cancellation
        upload = try UploadSource(request.body)
        guard let handle = curl_easy_init() else { throw CurlError(.other, "curl_easy_init failed") }
        self.handle = handle
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        if let handle { curl_easy_cleanup(handle) }
    }

    public func perform() throws(CurlError) -> HTTPResponse {
        guard let handle else { throw CurlError(.other, "transfer already performed") }
        try configure(handle)
        let code = errorBuffer.withUnsafeMutableBufferPointer { buffer -> CURLcode in
            CCurlShims_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            defer { CCurlShims_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil) }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            if cancellation.isCancelled { throw CurlError(.cancelled, code: Int32(code.rawValue), "the request was cancelled") }
            throw CurlError(code, detail: String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        var status = 0
        CCurlShims_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: headers, body: received)
    }

    private func configure(_ handle: UnsafeMutableRawPointer) throws(CurlError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        var codes: [CURLcode] = [
            CCurlShims_setopt_string(handle, CURLOPT_URL, request.url),
            CCurlShims_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            CCurlShims_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            CCurlShims_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
            CCurlShims_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
            CCurlShims_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout)),
            CCurlShims_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout)),
            CCurlShims_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, Self.onBody),
            CCurlShims_setopt_pointer(handle, CURLOPT_WRITEDATA, context),
            CCurlShims_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, Self.onHeader),
            CCurlShims_setopt_pointer(handle, CURLOPT_HEADERDATA, context),
            CCurlShims_setopt_long(handle, CURLOPT_NOPROGRESS, 0),
            CCurlShims_setopt_xferinfo_function(handle, Self.onProgress),
            CCurlShims_setopt_pointer(handle, CURLOPT_XFERINFODATA, context),
        ]
        switch request.method {
        case "GET", "HEAD": codes.append(CCurlShims_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case "POST": codes.append(CCurlShims_setopt_long(handle, CURLOPT_POST, 1))
        // A PUT's body is an upload to curl: without CURLOPT_UPLOAD a custom request sends none.
        case "PUT": codes += [CCurlShims_setopt_long(handle, CURLOPT_UPLOAD, 1),
                              CCurlShims_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.size))]
        default: codes.append(CCurlShims_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method))
        }
        if let signature = request.signature {
            codes += [
                CCurlShims_setopt_string(handle, CURLOPT_AWS_SIGV4, signature.provider),
                CCurlShims_setopt_string(handle, CURLOPT_USERNAME, signature.accessKey),
                CCurlShims_setopt_string(handle, CURLOPT_PASSWORD, signature.secretKey),
            ]
        }
        if request.method == "HEAD" { codes.append(CCurlShims_setopt_long(handle, CURLOPT_NOBODY, 1)) }
        if case .none = request.body {} else {
            codes += [
                CCurlShims_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(upload.size)),
                CCurlShims_setopt_write_function(handle, CURLOPT_READFUNCTION, Self.onRead),
                CCurlShims_setopt_pointer(handle, CURLOPT_READDATA, context),
            ]
        }
        // No "Expect: 100-continue" round trip before large bodies.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            headerList = curl_slist_append(headerList, line)
        }
        codes.append(CCurlShims_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList)))
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            throw CurlError(failed, detail: "setting up the request to \(request.url)")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    private static func transfer(_ context: UnsafeMutableRawPointer?) -> CurlTransfer {
        Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
    }

    private static let onBody: CCurlShims_data_callback = { buffer, size, count, context in
        let transfer = transfer(context)
        let bytes = size * count
        if let buffer { transfer.received.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: bytes)) }
        return bytes
    }

    private static let onHeader: CCurlShims_data_callback = { buffer, size, count, context in
        let transfer = transfer(context)
        let bytes = size * count
        guard let buffer else { return bytes }
        let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: bytes), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            transfer.headers = [:]  // a new response (after a redirect or an interim reply)
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            transfer.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return bytes
    }

    private static let onRead: CCurlShims_data_callback = { buffer, size, count, context in
        let transfer = transfer(context)
        guard let buffer else { return 0 }
        return transfer.upload.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count)) ?? CCurlShims_READFUNC_ABORT
    }

    private static let onProgress: CCurlShims_xferinfo_callback = { context, _, _, _, _ in
        transfer(context).cancellation.isCancelled ? 1 : 0
    }
}

/// libcurl's process-wide set-up, done once before the first handle.
enum CurlGlobal {
    private static let done: Bool = { curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK }()

    static func initialise() { _ = done }
}
