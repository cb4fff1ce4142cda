/// One Redis reply, copied out of hiredis's reply object.
public enum RedisReply: Sendable, Equatable {
    case status(String)
    case error(String)
    case integer(Int64)
    case bulk([UInt8])
    case array([RedisReply])
    case null

    public var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var string: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    public var elements: [RedisReply] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The elements of an array reply; an error reply is thrown as `rejected`, naming `what`.
    func array(_ what: String) throws(ClusterError) -> [RedisReply] {
        if case .error(let text) = self { throw ClusterError(.rejected, "Redis refused the \(what): \(text)") }
        return elements
    }
}
