import CurlHTTP
public import Foundation

/// An S3-compatible bucket over libcurl, each request signed with curl's own AWS Signature V4.
/// Path-style URLs (ENDPOINT/BUCKET/KEY), which AWS, MinIO, Ceph, R2 and moto all take. A
/// failed connection is `unavailable`; a refusal (4xx/5xx other than 404) is `rejected` with
/// the store's error code, never with a credential.
public struct S3Store: ObjectStore {
    public let address: StoreAddress
    private let signature: AWSSignature

    public init(_ address: StoreAddress) {
        self.address = address
        signature = AWSSignature(region: address.region, service: "s3", accessKey: address.accessKey, secretKey: address.secretKey)
    }

    /// Makes the bucket when it does not exist (tests; a deployment makes its bucket beforehand).
    public func createBucket() throws(ClusterError) {
        let response = try perform("PUT", url: "\(address.endpoint)/\(address.bucket)")
        guard (200..<300).contains(response.status) || response.text.contains("BucketAlreadyOwnedByYou") else { throw refused(response, "creating the bucket") }
    }

    public func put(_ key: String, _ bytes: [UInt8], contentType: String) throws(ClusterError) {
        try put(key, body: .bytes(bytes), contentType: contentType)
    }

    public func put(_ key: String, file: URL, contentType: String) throws(ClusterError) {
        try put(key, body: .file(file), contentType: contentType)
    }

    private func put(_ key: String, body: HTTPRequest.Body, contentType: String) throws(ClusterError) {
        let response = try perform("PUT", url: url(key), headers: [("Content-Type", contentType)], body: body)
        guard (200..<300).contains(response.status) else { throw refused(response, "storing \(key)") }
    }

    public func get(_ key: String, range: Range<Int64>?) throws(ClusterError) -> [UInt8]? {
        if let range, range.isEmpty { return [] }
        let headers = range.map { [("Range", "bytes=\($0.lowerBound)-\($0.upperBound - 1)")] } ?? []
        let response = try perform("GET", url: url(key), headers: headers)
        if response.status == 404 { return nil }
        guard response.status == 200 || response.status == 206 else { throw refused(response, "reading \(key)") }
        return response.body
    }

    public func size(of key: String) throws(ClusterError) -> Int64? {
        let response = try perform("HEAD", url: url(key))
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw refused(response, "looking up \(key)") }
        return response.header("content-length").flatMap { Int64($0) }
    }

    public func list(_ prefix: String) throws(ClusterError) -> [(key: String, size: Int64)] {
        var objects: [(key: String, size: Int64)] = []
        var token: String?
        repeat {
            var query = "list-type=2&prefix=\(Self.escape(address.prefix + prefix))"
            if let token { query += "&continuation-token=\(Self.escape(token))" }
            let response = try perform("GET", url: "\(address.endpoint)/\(address.bucket)?\(query)")
            guard response.status == 200 else { throw refused(response, "listing \(prefix)") }
            let page = S3ListPage(response.body)
            objects += page.objects.map { (String($0.key.dropFirst(address.prefix.count)), $0.size) }
            token = page.nextToken
        } while token != nil
        return objects.sorted { $0.key < $1.key }
    }

    public func delete(_ key: String) throws(ClusterError) {
        let response = try perform("DELETE", url: url(key))
        guard (200..<300).contains(response.status) || response.status == 404 else { throw refused(response, "deleting \(key)") }
    }

    private func url(_ key: String) -> String {
        "\(address.endpoint)/\(address.bucket)/\(Self.escape(address.prefix + key, keepingSlashes: true))"
    }

    private func perform(_ method: String, url: String, headers: [(name: String, value: String)] = [],
                         body: HTTPRequest.Body = .none) throws(ClusterError) -> HTTPResponse {
        var request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        request.signature = signature
        request.connectTimeout = .seconds(3)
        request.timeout = .seconds(60)
        do {
            return try CurlTransfer(request).perform()
        } catch {
            throw ClusterError(.unavailable, "object store \(address.endpoint): \(error.message)")
        }
    }

    private func refused(_ response: HTTPResponse, _ doing: String) -> ClusterError {
        let code = S3ListPage.element("Code", in: response.text) ?? "HTTP \(response.status)"
        return ClusterError(.rejected, "object store refused \(doing): \(code)")
    }

    /// Percent-encodes all but RFC 3986's unreserved characters, as SigV4 expects.
    static func escape(_ text: String, keepingSlashes: Bool = false) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        if keepingSlashes { allowed.insert("/") }
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
