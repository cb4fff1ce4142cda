import Commentary
import Foundation
import Media
import SessionModel

extension Pipeline {
    /// A chunk an earlier run announced whose files are still in the output folder: taken as
    /// made (its events, lines and captions as told), not made again. False when it must be
    /// made: never announced, planned differently, or its files are gone.
    func restore(_ span: ChunkSpan) -> Bool {
        guard let made = prior.chunks[span.index], abs(made.start - span.start) < 0.001, abs(made.end - span.end) < 0.001,
              let name = made.url.split(separator: "/").last.map(String.init) else { return false }
        let folder = configuration.outputDirectory
        guard [name, OutputNames.segment(span.index)].allSatisfy({ FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) })
        else { return false }
        let events = prior.detected[span.interval]?.events ?? []
        let told = prior.lines[span.interval] ?? []
        output.detected += events
        for line in told {
            output.told(line, caption: line.line.caption)
            narration.said.insert(line.text)
        }
        narration.story.record(events: events, lines: told.map(\.line))
        narration.voiced.insert(span.index)
        output.restored(span.index)
        _ = claim(span)
        schedule.finish(span.index)
        for step in [ProgressMeter.Step.detected, .written, .voiced, .assembled] { _ = progress.complete(step) }
        writePlaylist(ended: false)
        return true
    }
}
