import Foundation

/// What other threads ask the loop thread to do with a connection. Guarded by the server's
/// lock; the loop drains it after `lws_cancel_service` wakes it.
enum OutboxItem: Sendable {
    case message([UInt8], binary: Bool)
    case close(code: UInt16, reason: String)
    case readPaused(Bool)
}

/// Items queued per connection, in order.
struct Outbox {
    private(set) var items: [ConnectionID: [OutboxItem]] = [:]

    mutating func push(_ item: OutboxItem, to connection: ConnectionID) { items[connection, default: []].append(item) }

    mutating func popFirst(_ connection: ConnectionID) -> OutboxItem? {
        guard var queue = items[connection], !queue.isEmpty else { return nil }
        let item = queue.removeFirst()
        items[connection] = queue.isEmpty ? nil : queue
        return item
    }

    func hasItems(_ connection: ConnectionID) -> Bool { !(items[connection]?.isEmpty ?? true) }

    var connections: [ConnectionID] { Array(items.keys) }

    mutating func drop(_ connection: ConnectionID) { items[connection] = nil }
}
