import Commentary
import Media
public import SessionModel

/// What an earlier run of the same session already told the client (its event log, kept by
/// a restarted server or taken over from another): chunks it announced are not made again,
/// lines it told are the lines the chunk gets, and new lines are numbered after them, so the
/// client, the chunks, the captions and the final video all hold the same commentary.
/// `full` output only (a highlights run starts over).
public struct PriorDeliveries: Sendable {
    /// Chunks announced, by chunk index.
    var chunks: [Int: ChunkReadyEvent] = [:]
    /// Each interval's detection as told, and its told lines.
    var detected: [Int: EventsDetectedEvent] = [:]
    var lines: [Int: [CommentaryReadyEvent]] = [:]
    /// The index the next new line takes.
    var nextLineIndex = 0

    public init(_ events: [ServerEvent] = []) {
        for event in events {
            switch event {
            case .chunkReady(let chunk): chunks[chunk.index] = chunk
            case .eventsDetected(let found): detected[found.interval] = found
            case .commentaryReady(let line):
                lines[line.interval, default: []].append(line)
                nextLineIndex = max(nextLineIndex, line.index + 1)
            default: break
            }
        }
    }

    /// The lines told for a chunk that is made again (not announced, or its files gone): the
    /// chunk must speak them.
    func told(_ span: ChunkSpan) -> [CommentaryReadyEvent]? {
        guard let told = lines[span.interval], !told.isEmpty else { return nil }
        return told
    }
}

extension CommentaryReadyEvent {
    /// The line as the writer would have handed it on (its intensity was not told: calm).
    var line: CommentaryLine { CommentaryLine(start: start, end: end, text: text) }
}
