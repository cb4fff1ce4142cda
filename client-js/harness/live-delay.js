// Glass-to-glass delay of a live session, as the harness sees it. A source written in real
// time (ffmpeg -re) captures frame time t of the stream at about t0 + t, t0 being when the
// stream's first byte was read; a chunk's frames can be watched once its chunk_ready has
// arrived. So each frame's delay is the chunk_ready's arrival − (t0 + t), sampled every 0.1 s
// of the chunk's [start, end).
const STEP_S = 0.1;

const round = (seconds) => Math.round(seconds * 100) / 100;

/** The value at fraction `q` of sorted `values` (nearest rank). */
export function quantile(sorted, q) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export class LiveDelay {
  constructor() {
    this.t0 = null; // ms: the stream's first byte
    this.delays = []; // s, one per sampled frame
    this.chunks = []; // {index, interval}
    this.late = new Set(); // intervals with commentary_late
    this.gaps = []; // ingest_gap gap_s
  }

  /** The stream's first byte was read at `at` (ms). */
  started(at) {
    this.t0 ??= at;
  }

  /** A chunk_ready that arrived at `at` (ms): its line, or null before the stream started. */
  chunk({ index, interval, start, end }, at) {
    if (this.t0 === null) return null;
    const frames = [];
    for (let t = start; t < end - 1e-9; t += STEP_S) frames.push((at - this.t0) / 1000 - t);
    if (!frames.length) frames.push((at - this.t0) / 1000 - start);
    this.delays.push(...frames);
    this.chunks.push({ index, interval });
    return { harness: "live_delay", index, start, end, received_s: round((at - this.t0) / 1000),
             delay_s: { first_frame: round(frames[0]), last_frame: round(frames.at(-1)) } };
  }

  /** A warning: commentary_late and ingest_gap are counted. */
  warning({ code, interval, gap_s: gap }) {
    if (code === "commentary_late" && interval !== undefined) this.late.add(interval);
    if (code === "ingest_gap") this.gaps.push(gap);
  }

  summary() {
    const sorted = [...this.delays].sort((a, b) => a - b);
    const at = (q) => (sorted.length ? round(quantile(sorted, q)) : null);
    return { harness: "live_delay_summary", chunks: this.chunks.length, frames: sorted.length,
             p50_s: at(0.5), p95_s: at(0.95), max_s: sorted.length ? round(sorted.at(-1)) : null,
             commentary_late_chunks: this.chunks.filter((c) => this.late.has(c.interval)).length,
             commentary_late_warnings: this.late.size, ingest_gaps_s: this.gaps };
  }
}
