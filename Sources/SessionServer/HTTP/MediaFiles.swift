import Foundation

/// Files over HTTP: whole, or one byte range answered 206.
enum MediaFiles {
    static func response(_ file: URL, type: String, range: String?, cacheControl: String = "no-cache") -> HTTPResponse {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber else {
            return .text(404, "not found\n")
        }
        let length = size.int64Value
        var headers = [("accept-ranges", "bytes"), ("cache-control", cacheControl)]
        switch ByteRange.parse(range, size: length) {
        case .whole:
            return HTTPResponse(status: 200, contentType: type, headers: headers, body: .file(path: file.path, offset: 0, length: length))
        case .partial(let start, let end):
            headers.append(("content-range", "bytes \(start)-\(end)/\(length)"))
            return HTTPResponse(status: 206, contentType: type, headers: headers, body: .file(path: file.path, offset: start, length: end - start + 1))
        case .unsatisfiable:
            return HTTPResponse(status: 416, contentType: "text/plain", headers: [("content-range", "bytes */\(length)")], body: .bytes(Array("range not satisfiable\n".utf8)))
        }
    }

    /// The browser client: `/` is index.html; other names must be plain files of the folder.
    static func clientFile(_ path: String, in folder: URL) -> HTTPResponse? {
        let name = path == "/" ? "index.html" : String(path.dropFirst())
        let parts = name.split(separator: "/")
        guard !parts.isEmpty, parts.allSatisfy({ $0 != ".." && $0 != "." && !$0.hasPrefix(".") }) else { return nil }
        let types = ["html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
                     "css": "text/css; charset=utf-8", "svg": "image/svg+xml", "png": "image/png", "json": "application/json"]
        guard let type = types[String(name.split(separator: ".").last ?? "")] else { return nil }
        let file = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return response(file, type: type, range: nil)
    }
}
