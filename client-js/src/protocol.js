// The client side of docs/PROTOCOL.md with no I/O: shared by the page and the harness.
// Each piece is a small state machine whose methods say what to do next.

export const SUBPROTOCOL = "playbyplay.v1";
export const HEADER_BYTES = 8;
export const TERMINAL_TYPES = new Set(["complete", "cancelled"]);
export const UNNUMBERED_TYPES = new Set(["welcome", "upload_ack", "upload_nack", "pong"]);

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

export function startHello({ name, size, sha256, options, token }) {
  const hello = { type: "hello", mode: "start", upload: { name, size: size ?? null } };
  if (sha256) hello.upload.sha256 = sha256;
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

/**
 * Upload windowing: which bytes to send next, given the acknowledged offset, the window
 * and the largest frame. `next` answers the frame to send, or null when the window is
 * full or everything is sent.
 */
export class UploadWindow {
  constructor({ size, offset = 0, chunkMax, window }) {
    if (!(chunkMax > 0) || !(window > 0)) throw new RangeError("chunk_max and window must be positive");
    Object.assign(this, { size, chunkMax, window, acked: offset, sent: offset });
  }

  get complete() {
    return this.acked >= this.size;
  }

  get allSent() {
    return this.sent >= this.size;
  }

  /** The next frame's span ({offset, length}), stopping at `limit` when given. */
  next(limit = this.size) {
    const end = Math.min(this.size, limit, this.acked + this.window);
    if (this.sent >= end) return null;
    const span = { offset: this.sent, length: Math.min(this.chunkMax, end - this.sent) };
    this.sent += span.length;
    return span;
  }

  /** upload_ack: bytes below `offset` are stored. */
  ack(offset) {
    this.acked = Math.max(this.acked, offset);
    if (this.sent < this.acked) this.sent = this.acked;
  }

  /** upload_nack: the server expects `expected`; send again from there. */
  nack(expected) {
    this.acked = Math.min(this.acked, expected);
    this.sent = expected;
  }

  /** After a reconnect: welcome's offset is the truth. */
  restart(offset) {
    this.acked = offset;
    this.sent = offset;
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
