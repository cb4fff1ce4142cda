// Plays the chunks while they are made: Media Source Extensions with each fMP4 segment
// appended as soon as it is ready. In `full` output the SourceBuffer is in "segments" mode,
// so a segment lands at its own timestamps (tfdt) whatever order it arrives in; in
// `highlights` output it is in "sequence" mode and segments are appended in index order.
// Only a window around the playhead is kept buffered (see docs/decisions). Native HLS is the
// fallback where MSE is missing (hls-fallback.js).
import { mimeTypeOfInit } from "./codecs.js";
import { HLSFallback } from "./hls-fallback.js";

const AHEAD_S = 90; // append ready segments up to this far past the playhead
const BEHIND_S = 30; // drop buffered media further back than this
const PIECE_BYTES = 1024 * 1024; // append a downloading segment in pieces of this size

function join(pieces, size) {
  if (pieces.length === 1) return pieces[0];
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) { bytes.set(piece, at); at += piece.length; }
  return bytes;
}

export const mediaURL = (chunkURL, name) => chunkURL.replace(/[^/]+$/, name);
export const segmentURL = (chunk) => mediaURL(chunk.url, `segment-${String(chunk.index).padStart(5, "0")}.m4s`);

export class Player {
  /** @param {HTMLVideoElement} video @param {{firstFrame: () => void, problem: (text: string) => void, notice: (text: string) => void}} on */
  constructor(video, on) {
    Object.assign(this, { video, on });
    this.chunks = new Map(); // index → chunk_ready payload
    this.appended = new Set();
    this.skipped = new Set(); // chunks that failed (chunk_failed): they never come
    this.offsets = new Map(); // highlights: index → where its source time lands in the video (timestampOffset)
    this.busy = false;
    this.sawFirstFrame = false;
    this.ended = false;
    for (const name of ["timeupdate", "seeking"]) video.addEventListener(name, () => this.pump());
    this.watchFirstFrame();
  }

  get supported() {
    return "MediaSource" in globalThis;
  }

  /** media_info or the first chunk: sets up the MediaSource (or the HLS fallback). */
  configure({ duration, highlights, playlist }) {
    this.playlist ??= playlist;
    if (this.mediaSource || this.fallback) return;
    this.highlights = highlights;
    if (!this.supported) {
      this.fallback = new HLSFallback(this.video, this.on);
      return;
    }
    this.mediaSource = new MediaSource();
    this.opened = new Promise((resolve) => this.mediaSource.addEventListener("sourceopen", resolve, { once: true }));
    this.video.src = URL.createObjectURL(this.mediaSource);
    this.opened.then(() => {
      if (duration && !highlights) this.mediaSource.duration = duration;
    });
  }

  /** The video's duration, once known (a second media_info for a video read as it arrives). */
  setDuration(duration) {
    if (this.highlights || !this.mediaSource || !(duration > 0)) return;
    this.duration = duration;
    this.pump();
  }

  /** chunk_ready. */
  add(chunk) {
    this.chunks.set(chunk.index, chunk);
    if (this.fallback) return this.fallback.add(chunk, this.playlist ?? mediaURL(chunk.url, "playlist.m3u8"));
    this.pump();
  }

  /** An error about chunk `index`: it will not come, and in highlights the one after it plays next. */
  skip(index) {
    this.skipped.add(index);
    this.pump();
  }

  /** complete (with its final video), cancelled or a fatal error: close the stream once every ready segment is in. */
  finish(finalVideo) {
    this.ended = true;
    this.fallback?.finish(finalVideo);
    this.pump();
  }

  /** The video's time of source time `t`: itself, or in highlights where it plays, null when no highlight appended holds it. */
  mediaTime(t) {
    if (!this.highlights) return t;
    const chunk = [...this.chunks.values()].find((c) => this.offsets.has(c.index) && c.start <= t + 0.01 && t < c.end);
    return chunk ? Math.max(0, t + this.offsets.get(chunk.index)) : null;
  }

  /** Whether a ready chunk covers time `t`. */
  readyAt(t) {
    return [...this.chunks.values()].some((c) => c.start <= t + 0.01 && t < c.end);
  }

  /** The next segment to append: in highlights the next index (past failed ones); else the one at the playhead, then the earliest ahead. */
  nextChunk() {
    if (this.highlights) {
      let next = 0;
      while (this.appended.has(next) || this.skipped.has(next)) next += 1;
      return this.chunks.get(next) ?? null;
    }
    const waiting = [...this.chunks.values()].filter((c) => !this.appended.has(c.index));
    const now = this.video.currentTime;
    const candidates = waiting.filter((c) => c.end > now - 0.5 && c.start < now + AHEAD_S).sort((a, b) => a.start - b.start);
    return candidates.find((c) => c.start <= now && now < c.end) ?? candidates[0] ?? null;
  }

  async pump() {
    if (this.busy || !this.mediaSource) return;
    this.busy = true;
    try {
      await this.opened;
      for (let chunk = this.nextChunk(); chunk; chunk = this.nextChunk()) {
        if (!this.buffer) await this.createBuffer(chunk);
        await this.evictBehind();
        await this.appendStreamed(segmentURL(chunk), () => {
          // The first segment plays from its first piece: the first frame does not wait for the rest of it.
          if (this.appended.size === 0 && this.video.paused && !this.video.seeking) this.video.play().catch(() => {});
        });
        this.appended.add(chunk.index);
        // Sequence mode moved the segment to the end of what was buffered: timestampOffset says by how much.
        if (this.highlights) this.offsets.set(chunk.index, this.buffer.timestampOffset);
        if (this.video.paused && !this.video.seeking && this.appended.size === 1) this.video.play().catch(() => {});
      }
      if (this.duration && this.mediaSource.readyState === "open" && !this.buffer?.updating && this.mediaSource.duration !== this.duration) {
        try { this.mediaSource.duration = this.duration; } catch { /* below what is buffered: the stream's end sets it */ }
      }
      if (this.ended && this.mediaSource.readyState === "open" && !this.buffer?.updating
          && [...this.chunks.keys()].every((i) => this.appended.has(i))) {
        this.mediaSource.endOfStream();
      }
    } catch (error) {
      this.on.problem(`Playback problem: ${error.message}`);
    } finally {
      this.busy = false;
    }
  }

  async createBuffer(chunk) {
    const init = await this.fetchBytes(mediaURL(chunk.url, "init.mp4"));
    const type = mimeTypeOfInit(init);
    if (!type || !MediaSource.isTypeSupported(type)) throw new Error(`this browser cannot play ${type ?? "this video codec"}`);
    this.buffer = this.mediaSource.addSourceBuffer(type);
    this.buffer.mode = this.highlights ? "sequence" : "segments";
    await this.append(init);
  }

  /**
   * Appends a segment while it downloads, in pieces of at least 1 MiB: the browser plays the
   * samples of a partly appended segment, so a long first chunk starts before it is all here.
   */
  async appendStreamed(url, onPiece = () => {}) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const reader = response.body.getReader();
    let pieces = [], size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (value) { pieces.push(value); size += value.length; }
      if (size > 0 && (done || size >= PIECE_BYTES)) {
        await this.append(join(pieces, size));
        pieces = [];
        size = 0;
        onPiece();
      }
      if (done) return;
    }
  }

  async fetchBytes(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** appendBuffer as a promise; a full buffer drops what lies behind the playhead and tries once more. */
  async append(bytes) {
    try {
      await this.update(() => this.buffer.appendBuffer(bytes));
    } catch (error) {
      if (error.name !== "QuotaExceededError") throw error;
      await this.evictBehind(5);
      await this.update(() => this.buffer.appendBuffer(bytes));
    }
  }

  update(operation) {
    return new Promise((resolve, reject) => {
      const done = () => { this.buffer.removeEventListener("error", failed); resolve(); };
      const failed = () => { this.buffer.removeEventListener("updateend", done); reject(new Error("the browser refused a segment")); };
      this.buffer.addEventListener("updateend", done, { once: true });
      this.buffer.addEventListener("error", failed, { once: true });
      operation();
    });
  }

  /** Removes media more than `keep` seconds behind the playhead; those chunks can be appended again. */
  async evictBehind(keep = BEHIND_S) {
    const limit = this.video.currentTime - keep;
    if (this.highlights || !this.buffer || limit <= 0 || !this.buffer.buffered.length || this.buffer.buffered.start(0) >= limit) return;
    await this.update(() => this.buffer.remove(0, limit));
    for (const chunk of this.chunks.values()) if (chunk.start < limit) this.appended.delete(chunk.index);
  }

  watchFirstFrame() {
    const seen = () => {
      if (this.sawFirstFrame) return;
      this.sawFirstFrame = true;
      this.on.firstFrame();
    };
    if ("requestVideoFrameCallback" in this.video) this.video.requestVideoFrameCallback(seen);
    else this.video.addEventListener("playing", seen, { once: true });
  }
}
