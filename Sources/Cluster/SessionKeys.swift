/// The Redis keys of one session (all under `pbp:s:ID:`, so retention finds them by name).
struct SessionKeys: Sendable {
    let owner: String
    let epoch: String
    let seq: String
    let events: String

    init(_ session: String) {
        let base = "pbp:s:\(session):"
        owner = base + "owner"
        epoch = base + "epoch"
        seq = base + "seq"
        events = base + "events"
    }

    var all: [String] { [owner, epoch, seq, events] }
}
