// The intervals (pending, in progress, done, failed, not made) drawn on the player's scrub
// bar, each at its place and as wide as its time, so one bar serves 20 s or 2 h; and the
// detected events and commentary lines as lists, each a button that seeks.
export const clock = (t) => {
  const s = Math.max(0, Math.floor(t));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
};

export class Timeline {
  /** @param {{list: HTMLElement, events: HTMLElement, lines: HTMLElement, seek: (t: number) => void}} o */
  constructor({ list, events, lines, seek }) {
    Object.assign(this, { list, events, lines, seek });
    this.intervals = [];
  }

  /**
   * media_info: one entry per interval. Interval 0 is `first_interval_s` long, each next one
   * twice as long up to `interval_s`, the rest `interval_s`. While the video's end is not known (`intervals` null), entries are added as
   * chunks and events reach further (`cover`).
   */
  layout({ intervals, interval_s: step, first_interval_s: first, duration }) {
    const grid = step !== this.step || (first ?? step) !== this.first;
    this.step = step;
    this.first = first ?? step;
    this.duration = duration ?? null;
    if (grid) {
      this.list.replaceChildren();
      this.intervals = [];
    }
    if (intervals != null) this.intervals.splice(intervals).forEach((entry) => entry.item.remove());
    while (this.intervals.length < (intervals ?? 0)) this.add();
    this.relayout();
  }

  /** Where interval `k` starts: the first lasts `first`, each next one twice the one before, up to `step`. */
  start(k) {
    let t = 0, length = this.first;
    for (let j = 0; j < k; j += 1) {
      t += length;
      length = Math.min(this.step, length * 2);
    }
    return t;
  }

  /** Where the bar ends: the video's end, or while it is not known, the last interval's. */
  get total() {
    if (!this.step) return 0;
    return this.duration ?? this.start(this.intervals.length);
  }

  add() {
    const start = this.start(this.intervals.length);
    const item = document.createElement("li");
    this.list.append(item);
    const entry = { start, end: start, item, state: "pending" };
    this.intervals.push(entry);
  }

  /** Each entry at its place on the bar (the bar's end moves while the video's end is not known). */
  relayout() {
    const total = this.total;
    this.intervals.forEach((entry, k) => {
      entry.end = Math.min(this.duration ?? Infinity, this.start(k + 1));
      entry.item.style.left = `${total > 0 ? (entry.start / total) * 100 : 0}%`;
      entry.item.style.width = `${total > 0 ? (Math.max(0, entry.end - entry.start) / total) * 100 : 0}%`;
      this.paint(entry);
    });
  }

  /** The timeline reaches at least `end` (a chunk or events there, the end not known yet). */
  cover(end) {
    if (!this.step || this.duration !== null || this.start(this.intervals.length) >= end - 0.01) return;
    while (this.start(this.intervals.length) < end - 0.01) this.add();
    this.relayout();
  }

  intervalAt(t) {
    if (!this.step) return -1;
    let k = 0;
    while (this.start(k + 1) <= t + 1e-6 && (this.start(k + 1) - this.start(k)) < this.step) k += 1;
    if (this.start(k + 1) <= t + 1e-6) k += Math.floor((t + 1e-6 - this.start(k)) / this.step);
    return this.duration === null ? k : Math.min(this.intervals.length - 1, k);
  }

  /** Sets the state of the intervals whose start lies in [start, end) (a chunk may cover several). */
  mark(start, end, state) {
    this.cover(end);
    for (const entry of this.intervals) {
      if (entry.start >= start - 0.01 && entry.start < end - 0.01 && (entry.state !== "done" || state === "done")) {
        entry.state = state;
        this.paint(entry);
      }
    }
  }

  markInterval(k, state) {
    const entry = this.intervals[k];
    if (entry && entry.state !== "done") this.mark(entry.start, entry.end, state);
  }

  stateAt(t) {
    return this.intervals[this.intervalAt(t)]?.state;
  }

  /** The session ended without them (cancel, a fatal error): nothing is in progress any more. */
  stop() {
    for (const entry of this.intervals) {
      if (entry.state === "in-progress" || entry.state === "pending") {
        entry.state = "stopped";
        this.paint(entry);
      }
    }
  }

  paint(entry) {
    entry.item.className = entry.state;
  }

  addEvents({ events }) {
    for (const event of events) this.append(this.events, event.t, `${event.label || event.kind.replaceAll("_", " ")} (${describe(event)})`);
  }

  addLine({ start, text, voice }) {
    this.append(this.lines, start, `${text} — ${voice}`);
  }

  /** Adds an entry at time `t`, the list kept in time order (events of a reprioritised interval come early). */
  append(list, t, text) {
    const item = document.createElement("li");
    item.dataset.t = String(t);
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = clock(t);
    button.setAttribute("aria-label", `watch from ${clock(t)}`);
    button.addEventListener("click", () => this.seek(t));
    item.append(button, ` ${text}`);
    const after = [...list.children].find((other) => Number(other.dataset.t) > t);
    list.insertBefore(item, after ?? null);
  }
}

/** How sure or how big an event is: its salience when the detector ranks moments (2026-12-02), else its confidence. */
function describe(event) {
  return event.salience == null ? `${Math.round(event.confidence * 100)} %` : `salience ${Math.round(event.salience * 100)} %`;
}
