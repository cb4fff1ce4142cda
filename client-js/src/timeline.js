// The intervals (pending, in progress, done, failed) as a row of buttons that seek, and the
// detected events and commentary lines as lists.
export const clock = (t) => `${Math.floor(t / 60)}:${String(Math.floor(t % 60)).padStart(2, "0")}`;

export class Timeline {
  /** @param {{list: HTMLElement, events: HTMLElement, lines: HTMLElement, seek: (t: number) => void}} o */
  constructor({ list, events, lines, seek }) {
    Object.assign(this, { list, events, lines, seek });
    this.intervals = [];
  }

  /** media_info: one entry per interval. */
  layout({ intervals, interval_s: step, duration }) {
    this.step = step;
    this.list.replaceChildren();
    this.intervals = Array.from({ length: intervals }, (_, k) => {
      const start = k * step, end = Math.min(duration, (k + 1) * step);
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = clock(start);
      button.addEventListener("click", () => this.seek(start));
      item.append(button);
      this.list.append(item);
      const entry = { start, end, item, button, state: "pending" };
      this.paint(entry);
      return entry;
    });
  }

  intervalAt(t) {
    return this.step ? Math.min(this.intervals.length - 1, Math.floor(t / this.step)) : -1;
  }

  /** Sets the state of the intervals whose start lies in [start, end) (a chunk may cover several). */
  mark(start, end, state) {
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

  playing(t) {
    const k = this.intervalAt(t);
    this.intervals.forEach((entry, i) => entry.item.classList.toggle("playing", i === k));
  }

  paint(entry) {
    entry.item.className = entry.state;
    entry.button.setAttribute("aria-label", `${clock(entry.start)} to ${clock(entry.end)}: ${entry.state.replace("-", " ")}`);
  }

  addEvents({ events }) {
    for (const event of events) this.append(this.events, event.t, `${event.label || event.kind.replaceAll("_", " ")} (${describe(event)})`);
  }

  addLine({ start, text, voice }) {
    this.append(this.lines, start, `${text} — ${voice}`);
  }

  append(list, t, text) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = clock(t);
    button.setAttribute("aria-label", `watch from ${clock(t)}`);
    button.addEventListener("click", () => this.seek(t));
    item.append(button, ` ${text}`);
    list.append(item);
  }
}

/** How sure or how big an event is: its salience when the detector ranks moments (2026-12-02), else its confidence. */
function describe(event) {
  return event.salience == null ? `${Math.round(event.confidence * 100)} %` : `salience ${Math.round(event.salience * 100)} %`;
}
