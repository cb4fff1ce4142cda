// The client side of docs/PROTOCOL.md with no I/O: shared by the page and the harness.
// Each piece is a small state machine whose methods say what to do next.

export const SUBPROTOCOL = "playbyplay.v1";
export const HEADER_BYTES = 8;
export const TERMINAL_TYPES = new Set(["complete", "cancelled"]);
export const UNNUMBERED_TYPES = new Set(["welcome", "upload_ack", "upload_nack", "upload_want", "pong"]);

/** A binary upload frame: 8-byte big-endian offset, then the payload. */
export function encodeFrame(offset, payload) {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`bad upload offset ${offset}`);
  if (payload.byteLength === 0) throw new RangeError("an upload frame needs at least one byte");
  const frame = new Uint8Array(HEADER_BYTES + payload.byteLength);
  new DataView(frame.buffer).setBigUint64(0, BigInt(offset));
  frame.set(payload, HEADER_BYTES);
  return frame;
}

/** The offset of an upload frame (the server's view, used by tests). */
export function frameOffset(frame) {
  return Number(new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getBigUint64(0));
}

/** `seekable`: the client can send any byte range of its file when asked (upload_want). */
export function startHello({ name, size, sha256, options, token, seekable }) {
  const hello = { type: "hello", mode: "start", upload: { name, size: size ?? null } };
  if (sha256) hello.upload.sha256 = sha256;
  if (seekable && size != null) hello.upload.seekable = true;
  if (options && Object.keys(options).length) hello.options = options;
  if (token) hello.token = token;
  return hello;
}

export function resumeHello({ session, resumeToken, lastSeq, token }) {
  const hello = { type: "hello", mode: "resume", session, resume_token: resumeToken, last_seq: lastSeq };
  if (token) hello.token = token;
  return hello;
}

/** The socket URL; a resuming client names its session so a balancer can route it. */
export function sessionURL(base, session) {
  const url = new URL(base);
  if (session) url.searchParams.set("session", session);
  else url.searchParams.delete("session");
  return url.toString();
}

/** A server text frame, parsed; throws with a readable message when it is not protocol JSON. */
export function parseMessage(text) {
  let message;
  try {
    message = JSON.parse(text);
  } catch {
    throw new Error(`the server sent text that is not JSON: ${String(text).slice(0, 80)}`);
  }
  if (message === null || typeof message !== "object" || typeof message.type !== "string") {
    throw new Error(`the server sent a message without a type: ${String(text).slice(0, 80)}`);
  }
  return message;
}

/**
 * Resume bookkeeping: the session, its rotating resume token, and the newest event seen.
 * `accept` de-duplicates numbered events so each reaches the caller once, in order.
 */
export class ResumeState {
  constructor({ session = null, resumeToken = null, lastSeq = 0, finished = false } = {}) {
    Object.assign(this, { session, resumeToken, lastSeq, finished });
  }

  get canResume() {
    return Boolean(this.session && this.resumeToken);
  }

  /** Records a welcome (the token rotates on every one). */
  welcome(message) {
    if (this.session && message.session !== this.session) {
      throw new Error(`welcome names session ${message.session}, expected ${this.session}`);
    }
    this.session = message.session;
    this.resumeToken = message.resume_token;
    this.finished = Boolean(message.finished);
  }

  /**
   * A numbered event: "deliver" when it is the next one, "duplicate" when already seen,
   * "gap" when events are missing (the client must resume to get them).
   */
  accept(event) {
    if (!Number.isInteger(event.seq)) return "deliver";
    if (event.seq <= this.lastSeq) return "duplicate";
    if (event.seq !== this.lastSeq + 1) return "gap";
    this.lastSeq = event.seq;
    if (TERMINAL_TYPES.has(event.type) || (event.type === "error" && event.fatal)) this.finished = true;
    return "deliver";
  }

  toJSON() {
    return { session: this.session, resumeToken: this.resumeToken, lastSeq: this.lastSeq, finished: this.finished };
  }
}

/** Sorted, disjoint byte ranges [[start, end], ...], half-open: the stored bytes of an upload. */
export class ByteRanges {
  constructor(pairs = []) {
    this.pairs = [];
    for (const [start, end] of pairs) this.insert(start, end);
  }

  insert(start, end) {
    if (!(end > start)) return;
    const kept = [];
    for (const [a, b] of this.pairs) {
      if (b < start || a > end) kept.push([a, b]);
      else [start, end] = [Math.min(a, start), Math.max(b, end)];
    }
    kept.push([start, end]);
    this.pairs = kept.sort((x, y) => x[0] - y[0]);
  }

  /** The range holding `offset`, or undefined. */
  at(offset) {
    return this.pairs.find(([a, b]) => a <= offset && offset < b);
  }

  /** The first range starting after `offset`: where a run of frames from `offset` must stop. */
  nextStart(offset) {
    return this.pairs.find(([a]) => a > offset)?.[0];
  }

  get count() {
    return this.pairs.reduce((sum, [a, b]) => sum + b - a, 0);
  }

  /** Bytes of [start, end) held. */
  held(start, end) {
    return this.pairs.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, end) - Math.max(a, start)), 0);
  }

  covers(start, end) {
    return end <= start || Boolean(this.pairs.find(([a, b]) => a <= start && end <= b));
  }
}

/**
 * Upload windowing: which bytes to send next, given the stored (acknowledged) ranges, where
 * the server asks for them, the window and the largest frame. Frames go out in runs: from
 * welcome's `want` (or `offset`), and from each `upload_want`, in order, stopping where
 * stored bytes begin. The window counts bytes of the current run that are not yet inside an
 * acknowledged range. `next` answers the frame to send, or null when the window is full or the
 * run is over. A stream (`size` null) is sent as far as it has grown (`grow`); once it has
 * ended (`finish`) its size is known and the window completes like a file's.
 */
export class UploadWindow {
  /**
   * `probe`: a seekable client keeps one frame in flight until the first acknowledgement, by
   * which the server has read the file's first box headers and asked for the index if it
   * comes last (frames on the way when it asks would be sent for nothing).
   */
  constructor({ size, offset = 0, ranges, want, chunkMax, window, probe = false }) {
    if (!(chunkMax > 0) || !(window > 0)) throw new RangeError("chunk_max and window must be positive");
    Object.assign(this, { size: size ?? null, chunkMax, window, probe });
    this.available = size ?? 0; // bytes that exist to be sent: a file's size, a stream's length so far
    this.stored = new ByteRanges(ranges ?? (offset > 0 ? [[0, offset]] : []));
    this.jump(want ?? offset);
  }

  /** Bytes acknowledged (in every range). */
  get acked() {
    return this.stored.count;
  }

  /** The bytes stored from byte 0 on, without a hole (what a stream can drop). */
  get prefix() {
    return this.stored.at(0)?.[1] ?? 0;
  }

  /** Where the next frame starts. */
  get sent() {
    return this.cursor;
  }

  get inFlight() {
    return this.cursor - this.runStart - this.stored.held(this.runStart, this.cursor);
  }

  get complete() {
    return this.size !== null && this.stored.covers(0, this.size);
  }

  get allSent() {
    return this.size !== null && this.cursor >= this.size;
  }

  /** A stream has grown to `length` bytes. */
  grow(length) {
    if (this.size === null) this.available = Math.max(this.available, length);
  }

  /** A stream has ended at `length` bytes: its size is known now. */
  finish(length) {
    this.grow(length);
    this.size = this.available;
  }

  /** The next frame's span ({offset, length}), stopping at `limit` when given. */
  next(limit = Infinity) {
    if (this.stored.at(this.cursor)) return null; // the run reached stored bytes: the server says where next
    if (this.probe && this.stored.count === 0 && this.inFlight > 0) return null; // until the first ack
    const end = Math.min(this.available, limit, this.stored.nextStart(this.cursor) ?? Infinity, this.cursor + this.window - this.inFlight);
    if (this.cursor >= end) return null;
    const span = { offset: this.cursor, length: Math.min(this.chunkMax, end - this.cursor) };
    this.cursor += span.length;
    return span;
  }

  /** upload_ack: `ranges` stored (a v1 server sends only `offset`, the stored prefix). */
  ack(offset, ranges) {
    if (ranges) for (const [a, b] of ranges) this.stored.insert(a, b);
    else this.stored.insert(0, offset);
  }

  /**
   * upload_nack: the server expects `expected`; send again from there. A nack for the start
   * of the current run is one for a frame sent before the run began (the server asked for
   * the run, or nacked an earlier frame, while those were on the way): the run goes on.
   */
  nack(expected) {
    if (expected !== this.runStart) this.jump(expected);
  }

  /** upload_want: send from `offset` next; what was in flight before is not counted. */
  want(offset) {
    this.jump(offset);
  }

  jump(offset) {
    this.runStart = offset;
    this.cursor = offset;
  }

  /** After a reconnect: welcome's upload is the truth. */
  restart(offset, ranges, want) {
    this.stored = new ByteRanges(ranges ?? (offset > 0 ? [[0, offset]] : []));
    this.jump(want ?? offset);
  }
}

/** Command ids the client makes unique: a prefix per client, a counter per command. */
export class CommandIds {
  constructor(prefix = `c${Date.now().toString(36)}`) {
    this.prefix = prefix;
    this.count = 0;
  }

  next() {
    this.count += 1;
    return `${this.prefix}-${this.count}`;
  }
}

export function command(id, name, args) {
  const message = { type: "command", id, name };
  if (args && Object.keys(args).length) message.args = args;
  return message;
}
