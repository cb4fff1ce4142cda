// Where a live session's player should be, with no I/O: the live edge is the end of the latest
// chunk_ready, moving on in real time since it arrived (a chunk of the next interval is due
// by then), and the player follows it `delay_s` behind (media_info: the interval, the time
// to close a chunk and the commentary's deadline), so the next chunk is there before the
// playhead reaches it. `steer` says what to do to stay there: nothing, play a little faster
// or slower, wait for the start, or jump (after a stall or a reconnect).
const JUMP_S = 3; // further than this from the target: seek there
const NUDGE_S = 0.4; // closer than this: play at normal speed
const FASTER = 1.08;
const SLOWER = 0.93;

export class LiveEdge {
  constructor() {
    this.end = null; // s: the latest chunk's end
    this.at = null; // ms: when it arrived
    this.start = null; // s: the earliest chunk's start
    this.delay = null;
    this.interval = null;
  }

  /** media_info: `delay_s`, or without it two intervals. */
  configure({ delay_s: delay, interval_s: interval }) {
    this.interval = interval ?? this.interval;
    this.delay = delay ?? (this.interval ? 2 * this.interval : 6);
  }

  /** chunk_ready that arrived at `now` (ms). */
  chunk({ start, end }, now) {
    this.start = this.start === null ? start : Math.min(this.start, start);
    if (this.end === null || end > this.end) {
      this.end = end;
      this.at = now;
    }
  }

  get known() {
    return this.end !== null && this.delay !== null;
  }

  /** The live edge at `now`: it moves on for at most one delay past the latest chunk (no chunk since: the stream stalled). */
  edge(now) {
    if (this.end === null) return 0;
    return this.end + Math.min(Math.max(0, (now - this.at) / 1000), this.delay ?? 0);
  }

  /** Where the playhead should be at `now`. */
  target(now) {
    return this.edge(now) - this.delay;
  }

  /** How far behind the live edge time `t` is. */
  behind(t, now) {
    return Math.max(0, this.edge(now) - t);
  }

  /** What a player following the edge does at `now` when it is at `t`: {hold} | {seek} | {rate}. */
  steer(t, now) {
    const target = this.target(now);
    if (target < this.start) return { hold: true, at: this.start };
    const drift = t - target;
    if (Math.abs(drift) > JUMP_S) return { seek: target };
    if (drift > NUDGE_S) return { rate: SLOWER };
    if (drift < -NUDGE_S) return { rate: FASTER };
    return { rate: 1 };
  }
}
