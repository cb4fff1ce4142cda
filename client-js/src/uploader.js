// Sends a file's bytes over a SessionSocket within the server's window, continuing from
// any offset and jumping where the server asks (upload_want). `read(offset, length)` returns
// the bytes (a File slice in the page, a file handle in the harness), so the same code serves
// both, and both can send any range of their file. A growing stream (`source`, a LiveSource)
// is sent in order as it grows, its acknowledged bytes dropped, and `upload_end` once it has
// ended and every byte was sent.
import { UploadWindow, encodeFrame } from "./protocol.js";

// Frames wait while the socket holds this much not yet sent: what is queued locally cannot be
// taken back when the server asks for another range (upload_want), so little is queued.
const QUEUED_BYTES = 1 << 20;

export class Uploader {
  /**
   * `seekable`: the hello said so (the first frame then waits for the server's first answer).
   * `source`: a LiveSource to send as it grows, instead of `size` bytes from `read`.
   */
  constructor({ size, read, source, onProgress = () => {}, seekable = false }) {
    Object.assign(this, { size: source ? null : size, read: source ? (o, n) => source.read(o, n) : read, source, onProgress,
                          seekable: source ? false : seekable });
    this.window = null;
    this.wake = null;
    this.run_ = 0;
    this.endSentOn = null; // the socket that carried upload_end
    this.serverComplete = false;
    source?.watch(() => this.poke());
  }

  /** After each welcome: the server's ranges, where to send, frame size and window. */
  welcome(upload) {
    const { offset, ranges, want, chunk_max: chunkMax, window } = upload;
    if (this.window) {
      Object.assign(this.window, { chunkMax, window });
      this.window.restart(offset, ranges, want);
    } else {
      this.window = new UploadWindow({ size: this.size, offset, ranges, want, chunkMax, window, probe: this.seekable });
    }
    this.serverComplete = Boolean(upload.complete);
    this.endSentOn = null;
    this.follow();
    this.onProgress(this.window.acked, this.window.sent);
  }

  /** A stream's window takes in what it recorded since, and its size once it ended; stored bytes are dropped. */
  follow() {
    const { source, window: w } = this;
    if (!source || !w) return;
    if (source.ended) w.finish(source.length);
    else w.grow(source.length);
    source.release(w.prefix);
  }

  get acked() {
    return this.window?.acked ?? 0;
  }

  /** Everything is stored; a stream's end was also told (on this connection) or the server says it is complete. */
  get complete() {
    if (!this.window?.complete) return false;
    return !this.source || this.serverComplete || this.endSentOn !== null;
  }

  ack(offset, ranges) {
    this.window?.ack(offset, ranges);
    this.follow();
    this.onProgress(this.window.acked, this.window.sent);
    this.poke();
  }

  nack(expected) {
    this.window?.nack(expected);
    this.poke();
  }

  want(offset) {
    this.window?.want(offset);
    this.poke();
  }

  /** The server's upload messages: upload_ack, upload_nack, upload_want. */
  handle(message) {
    if (message.type === "upload_ack") this.ack(message.offset, message.ranges);
    else if (message.type === "upload_nack") this.nack(message.expected);
    else if (message.type === "upload_want") this.want(message.offset);
  }

  /** Stops a running `send` (the socket closed); it resolves false. */
  stop() {
    this.run_ += 1;
    this.poke();
  }

  poke() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /**
   * Sends the file (by default all of it, wherever the server asks). `limit`: stop once the
   * run being sent reaches this offset; `budget`: stop after this many bytes. Resolves true
   * once done (for the whole file: every byte acknowledged; for a stream: it ended, every byte
   * is acknowledged and `upload_end` was sent); false when stopped. A stream waits for its next
   * bytes; it rejects with the source's error when the source failed.
   */
  async send(socket, limit = Infinity, budget = Infinity) {
    const run = ++this.run_;
    this.poke();
    const w = this.window;
    if (!w) throw new Error("upload before welcome");
    let spent = 0;
    while (run === this.run_) {
      if (this.source?.error) throw this.source.error;
      this.follow();
      // Every byte is on its way: the server reads the frames before upload_end, so nothing is cut off.
      if (this.source && w.allSent && this.endSentOn !== socket && !this.serverComplete) {
        if (!socket.send({ type: "upload_end" })) return false;
        this.endSentOn = socket;
        this.endTold = true;
      }
      if (this.complete || (limit < (this.size ?? Infinity) && w.sent >= limit) || spent >= budget) return true;
      if ((socket.buffered ?? 0) > QUEUED_BYTES) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const span = w.next(Math.min(limit, w.sent + budget - spent));
      if (!span) {
        await new Promise((resolve) => (this.wake = resolve));
        continue;
      }
      spent += span.length;
      const bytes = await this.read(span.offset, span.length);
      if (run !== this.run_) return false;
      if (!socket.sendBinary(encodeFrame(span.offset, bytes))) return false;
      this.onProgress(w.acked, w.sent);
    }
    return false;
  }
}
