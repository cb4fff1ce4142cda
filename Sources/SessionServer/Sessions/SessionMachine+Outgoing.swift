import Foundation
import SessionModel

extension SessionMachine.Outgoing {
    /// The message as the socket sends it.
    var bytes: [UInt8] {
        switch self {
        case .welcome(let welcome): Self.json(welcome)
        case .event(let entry): Self.json(entry)
        case .transfer(let message): Array(message.json.utf8)
        }
    }

    private static func json<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data())
    }
}
