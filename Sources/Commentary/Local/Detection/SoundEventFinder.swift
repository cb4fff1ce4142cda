import Foundation
import Media
import SessionModel

/// The sound's events of one interval from its feature frames: loud stretches against the
/// rolling baseline (crowd roars, applause, commentator excitement) and whistles. Only events
/// whose onset lies in [start, end) are the interval's: one that began earlier belongs to the
/// interval before, which reports it, unless that interval could not yet tell it (it heard up
/// to `heardBefore`, and the stretch was not loud long enough by then: a roar at the end of a
/// live interval, which hears nothing past its end); then this interval reports it, at its
/// start. The frames before `start` are the look-back that gives the baseline and the moments
/// salience ranks against.
struct SoundEventFinder {
    var baseline = RollingBaseline()
    var stretches = LoudStretchFinder()
    var classifier = StretchClassifier()
    var whistles = WhistleFinder()
    var salience = SalienceScale()
    /// Seconds of a stretch's start that say what it is.
    var classifyFrames = 30

    let hop = AudioFeatureExtractor.hop

    /// `speech(from, to)` is the share of [from, to) that is speech (nil: not known); nil
    /// without a voice-activity model.
    func events(_ frames: [AudioFeatureFrame], start: Double, end: Double, heardBefore: Double? = nil,
                speech: ((Double, Double) -> Double?)?) -> [DetectedEvent] {
        // What the interval before heard: up to its end (this one's start) and its look-ahead.
        let heard = heardBefore ?? start
        guard let first = frames.first else { return [] }
        let momentary = frames.map(\.momentary)
        let level = LevelCurve.oneSecond(momentary)
        let base = baseline.baseline(level, pastBeforeFirst: Int((first.time / hop).rounded()))
        let found = stretches.find(level: level, baseline: base)
        var events: [DetectedEvent] = []
        var earlier: [Double] = []
        let note = speech == nil ? " (no voice activity model)" : ""
        for stretch in found {
            let found = onsetTime(stretch, frames: frames, momentary: momentary, baseline: base)
            defer { earlier.append(stretch.excess) }
            let toldBefore = couldBeFound(stretch, inFramesUpTo: frames.lastIndex { $0.time + hop <= heard + 1e-6 })
            guard found < end, found >= start || !toldBefore else { continue }
            let onset = max(found, start)
            let head = frames[stretch.onset...min(stretch.end, stretch.onset + classifyFrames)]
            let share = speech?(onset, frames[min(stretch.end, stretch.onset + classifyFrames)].time + hop)
            // A tone loud enough to make the stretch (a whistle blast) is the whistle finder's.
            let loud = head.indices.filter { momentary[$0] - base[$0] >= stretches.exit }
            let tonal = loud.filter { whistles.isTonal(frames[$0]) }.count
            let verdict = classifier.classify(head, speech: share, usualPitch: usualPitch(frames, before: stretch.onset),
                                              tonal: tonal * head.count / max(1, loud.count), excess: stretch.excess)
            let kind: String
            switch verdict {
            case .crowdRoar: kind = DetectedEvent.crowdRoar
            case .applause: kind = DetectedEvent.applause
            case .commentatorExcitement: kind = DetectedEvent.commentatorExcitement
            case .speech, .tone: continue
            }
            let peak = frames[stretch.peak].time + hop - 0.5
            let until = endTime(stretch, frames: frames, momentary: momentary, baseline: base)
            let confidence = 0.5 + min(0.5, (stretch.excess - stretches.enter) / 16)
            let label = String(format: "%@, +%.1f dB over the usual level, %.1f s%@", kind.replacingOccurrences(of: "_", with: " "),
                               stretch.excess, until - onset, stretch.open ? " and going on" : "") + note
            events.append(DetectedEvent(t: onset, kind: kind, confidence: confidence, label: label,
                                        end: until, peak: max(onset, peak), salience: salience.salience(excess: stretch.excess, earlier: earlier)))
        }
        for run in whistles.find(frames) {
            let first = frames[run.first].time, until = frames[run.last].time + hop
            // A whistle is told once it has sounded `minimumFrames`.
            let toldBefore = frames[min(run.last, run.first + whistles.minimumFrames)].time <= heard + 1e-6
            guard first < end, first >= start || !toldBefore else { continue }
            let t = max(first, start)
            if let share = speech?(t, until), share >= 0.5 { continue }
            let tone = frames[run.first...run.last].map(\.tone)
            let frequency = tone.map(\.frequency).sorted()[tone.count / 2]
            let prominence = tone.map(\.prominence).max() ?? 0
            events.append(DetectedEvent(t: t, kind: DetectedEvent.whistle, confidence: 0.5 + min(0.5, (prominence - whistles.minimumProminence) / 30),
                                        label: String(format: "whistle, %.1f kHz, %.1f s", frequency / 1000, until - t),
                                        end: until, peak: t, salience: 0.3))
        }
        return events.sorted { $0.t < $1.t }
    }

    /// Whether the interval before, whose frames ended at `last`, found the stretch too: its
    /// level had crossed, and stood loud long enough, by then.
    private func couldBeFound(_ stretch: LoudStretch, inFramesUpTo last: Int?) -> Bool {
        guard let last, stretch.trigger <= last else { return false }
        return min(stretch.end, last) - stretch.onset + 1 >= stretches.minimumFrames
    }

    /// When the stretch's sound starts: the first frame, up to a second before the 1-s level
    /// crossed, whose momentary loudness already stood `exit` dB over the baseline, taken at
    /// the start of its 400 ms window.
    private func onsetTime(_ stretch: LoudStretch, frames: [AudioFeatureFrame], momentary: [Double], baseline: [Double]) -> Double {
        let from = max(0, stretch.onset - 9)
        let first = (from...stretch.peak).first { momentary[$0] - baseline[$0] >= stretches.exit } ?? stretch.onset
        return max(0, frames[first].time + hop - 0.4)
    }

    /// When the stretch's sound ends: the last frame whose momentary loudness still stood
    /// `exit` dB over the baseline (the 1-s level lags the sound by a second), at its end.
    private func endTime(_ stretch: LoudStretch, frames: [AudioFeatureFrame], momentary: [Double], baseline: [Double]) -> Double {
        let last = (stretch.onset...stretch.end).last { momentary[$0] - baseline[$0] >= stretches.exit } ?? stretch.end
        return frames[last].time + hop
    }

    /// The median pitch of voiced frames in the 30 s before `index`: the voice as usual.
    private func usualPitch(_ frames: [AudioFeatureFrame], before index: Int) -> Double? {
        let voiced = frames[max(0, index - 300)..<index].filter { $0.voicing >= 0.5 }.map(\.pitch)
        guard voiced.count >= 20 else { return nil }
        return voiced.sorted()[voiced.count / 2]
    }
}
