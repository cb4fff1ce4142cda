// Plays the chunks while they are made: Media Source Extensions with each fMP4 segment
// appended as soon as it is ready. In `full` output the SourceBuffer is in "segments" mode,
// so a segment lands at its own timestamps (tfdt) whatever order it arrives in; in
// `highlights` output it is in "sequence" mode and segments are appended in index order.
// Only a window around the playhead is kept buffered (see docs/decisions). Native HLS is the
// fallback where MSE is missing.
import { mimeTypeOfInit } from "./codecs.js";

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
  /** @param {HTMLVideoElement} video @param {{firstFrame: () => void, problem: (text: string) => void}} on */
  constructor(video, on) {
    Object.assign(this, { video, on });
    this.chunks = new Map(); // index → chunk_ready payload
    this.appended = new Set();
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
    if (this.mediaSource || this.native) return;
    this.highlights = highlights;
    if (!this.supported) {
      if (playlist && this.video.canPlayType("application/vnd.apple.mpegurl")) {
        this.native = true;
        this.video.src = playlist;
        this.video.play().catch(() => {});
      } else {
        this.on.problem("This browser cannot play the video while it is being made; download it when it is complete.");
      }
      return;
    }
    this.mediaSource = new MediaSource();
    this.opened = new Promise((resolve) => this.mediaSource.addEventListener("sourceopen", resolve, { once: true }));
    this.video.src = URL.createObjectURL(this.mediaSource);
    this.opened.then(() => {
      if (duration && !highlights) this.mediaSource.duration = duration;
    });
  }

  /** chunk_ready. */
  add(chunk) {
    this.chunks.set(chunk.index, chunk);
    if (this.native) return;
    this.pump();
  }

  /** complete: close the stream once every ready segment is in. */
  finish() {
    this.ended = true;
    this.pump();
  }

  /** Whether a ready chunk covers time `t`. */
  readyAt(t) {
    return [...this.chunks.values()].some((c) => c.start <= t + 0.01 && t < c.end);
  }

  /** The next segment to append: in highlights the next index; else the one at the playhead, then the earliest ahead. */
  nextChunk() {
    const waiting = [...this.chunks.values()].filter((c) => !this.appended.has(c.index));
    if (this.highlights) return waiting.find((c) => c.index === this.appended.size) ?? null;
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
        await this.appendStreamed(segmentURL(chunk));
        this.appended.add(chunk.index);
        if (this.video.paused && !this.video.seeking && this.appended.size === 1) this.video.play().catch(() => {});
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
  async appendStreamed(url) {
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
