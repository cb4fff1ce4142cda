import SessionModel

/// Events closer than `window` seconds are one moment: the most confident one stays and
/// names the others in its label.
struct EventMerger {
    var window = 1.0

    func merge(_ events: [DetectedEvent]) -> [DetectedEvent] {
        var merged: [DetectedEvent] = []
        for event in events.sorted(by: { $0.t < $1.t }) {
            guard let last = merged.last, event.t - last.t < window else {
                merged.append(event)
                continue
            }
            var kept = event.confidence > last.confidence ? event : last
            let other = event.confidence > last.confidence ? last : event
            if other.kind != kept.kind, !kept.label.contains(other.kind) { kept.label += " + \(other.kind)" }
            merged[merged.count - 1] = kept
        }
        return merged
    }
}
