import Commentary
import Foundation
import Media
import SessionModel

extension Pipeline {
    /// The session's intervals.
    var grid: IntervalGrid { configuration.options.grid() }

    /// Everything known at once: the whole plan, and a `media_info` that says where the video ends.
    func planWhole(_ probed: MediaInfo) {
        spans = IntervalPlanner.plan(probed, grid: grid)
        schedule = IntervalSchedule(chunks: spans.map(\.index))
        progress = ProgressMeter(chunks: spans.count)
        begin(probed, final: true)
    }

    /// A video read as it arrives: no chunk yet, a `media_info` without its end.
    func startPlan(_ header: MediaInfo) {
        planning.incrementalPlan = IncrementalPlan(grid: grid)
        schedule = IntervalSchedule(chunks: [], complete: false)
        // The reel's share until the end is read: from the header's length, else the default.
        begin(header, final: false)
        for keyframe in header.keyframes { planned(keyframe) }
    }

    /// Once the schedule exists: the reel's budget, the priorities asked for before it, `media_info`.
    private func begin(_ media: MediaInfo, final: Bool) {
        info = media
        reel.budget = HighlightBudget(share: configuration.options.highlightsShare(of: media.duration))
        for interval in planning.pendingPriorities { _ = prioritise(interval: interval) }
        planning.pendingPriorities = []
        announceMediaInfo(media, final: final)
    }

    /// Reads the video's keyframes as its bytes arrive and plans a chunk whenever one closes;
    /// at the end, the last chunk and the `media_info` that says where the video ends.
    func planAsItArrives(_ scan: MediaScan) async {
        defer { wakePlanWaiters() }
        while lifecycle != .finished, !Task.isCancelled {
            let step: MediaScan.Step
            do {
                step = try await Offload.run { () throws(MediaError) in try scan.next() }
            } catch {
                emit(.error(ErrorEvent(code: "unsupported_media", message: error.message, fatal: true)))
                break
            }
            guard lifecycle != .finished, !Task.isCancelled else { break }
            switch step {
            case .keyframes(let keyframes):
                info?.keyframes += keyframes
                for keyframe in keyframes { planned(keyframe) }
                await makePoster()
                planning.estimated = scan.estimatedDuration
                if let last = keyframes.last, last.time > configuration.limits.maxDuration {
                    emit(.error(ErrorEvent(code: "unsupported_media", message: configuration.limits.tooLong(last.time), fatal: true)))
                    return
                }
                progress.expect(chunks: expectedChunks)
            case .end(let whole):
                if let problem = configuration.limits.violation(whole) {
                    emit(.error(ErrorEvent(code: "unsupported_media", message: problem, fatal: true)))
                    return
                }
                info = whole
                reel.budget.share = configuration.options.highlightsShare(of: whole.duration)
                announceMediaInfo(whole, final: true)
                if var plan = planning.incrementalPlan { add(plan.finish(duration: whole.duration)) }
                schedule.completePlan()
                progress.expect(chunks: spans.count)
                return
            }
        }
    }

    private func planned(_ keyframe: Keyframe) {
        if let span = planning.incrementalPlan?.add(keyframe) { add(span) }
    }

    private func add(_ span: ChunkSpan) {
        spans.append(span)
        schedule.append(span.index)
        armDeadline(span)
        let last = span.endKeyframePts == nil
        let wanted = planning.wantedTimes.filter { $0 >= span.start - IntervalGrid.epsilon && ($0 < span.end - IntervalGrid.epsilon || last) }
        if !wanted.isEmpty {
            planning.wantedTimes.removeAll { wanted.contains($0) }
            schedule.prioritise(span.index)
        }
        wakePlanWaiters()
    }

    func wakePlanWaiters() {
        let waiters = planning.waiters
        planning.waiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// The chunks the session will have: the plan's when it is complete, else a guess from how
    /// much of the file the keyframes read so far took.
    var expectedChunks: Int {
        if schedule.isPlanComplete { return spans.count }
        return max(spans.count + 1, planning.estimated.map { grid.count(duration: $0) } ?? 0)
    }

    private func announceMediaInfo(_ media: MediaInfo, final: Bool) {
        // The playlist exists (empty) before its URL is announced.
        writePlaylist(ended: false)
        emit(.mediaInfo(MediaInfoEvent(
            duration: final ? media.duration : nil, width: media.video.width, height: media.video.height, fps: media.video.fps,
            hasAudio: media.hasAudio, intervalSeconds: grid.interval, firstIntervalSeconds: grid.first,
            intervals: final ? grid.count(duration: media.duration) : nil,
            playlist: url(OutputNames.playlist), live: livePlayback)))
    }

    /// EXT-X-TARGETDURATION, which must not change while the playlist grows: the longest
    /// chunk of a plan known at once, or, when chunks are planned as the video arrives, a
    /// bound no chunk is expected to pass (an interval and a half), kept once announced.
    func playlistTarget() -> Int {
        let planned = HLSPlaylist(spans: spans).targetDuration
        if planning.incrementalPlan == nil { return planned }
        let target = max(planning.announcedTarget ?? 0, planned, Int((grid.interval * 1.5).rounded(.up)))
        planning.announcedTarget = target
        return target
    }
}
