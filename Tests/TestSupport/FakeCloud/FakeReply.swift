public import Foundation

/// A request as the fake server read it.
public struct RecordedRequest: Sendable {
    public var method: String
    /// Path with the query.
    public var target: String
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    /// The body as a JSON object, when it is one.
    public var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
}

public struct FakeReply: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ object: Any, status: Int = 200, headers: [(String, String)] = []) -> FakeReply {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return FakeReply(status: status, headers: headers + [("Content-Type", "application/json")], body: Array(data))
    }

    /// A JSON document as a string (what the models put in their text replies).
    public static func jsonText(_ object: Any) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }
}
