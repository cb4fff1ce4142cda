/// The Redis keys of one session (all under `pbp:s:ID:`, so retention finds them by name).
struct SessionKeys: Sendable {
    let owner: String
    let epoch: String
    let seq: String
    let events: String
    /// The session's meta (JSON) and its upload record (JSON), written by its owner.
    let meta: String
    let upload: String
    /// Set by a server that wants the session (a client resumed there); its owner hands over.
    let handover: String

    init(_ session: String) {
        let base = "pbp:s:\(session):"
        owner = base + "owner"
        epoch = base + "epoch"
        seq = base + "seq"
        events = base + "events"
        meta = base + "meta"
        upload = base + "upload"
        handover = base + "handover"
    }

    var all: [String] { [owner, epoch, seq, events, meta, upload, handover] }

    /// Every unfinished session (the sweeper's list).
    static let open = "pbp:sessions:open"
    /// Finished sessions ("ID MEDIAKEY") by when their retention ends (ms, Redis's clock).
    static let finished = "pbp:sessions:finished"
}
