// Sends a file's bytes over a SessionSocket within the server's window, continuing from
// any offset and jumping where the server asks (upload_want). `read(offset, length)` returns
// the bytes (a File slice in the page, a file handle in the harness), so the same code serves
// both, and both can send any range of their file.
import { UploadWindow, encodeFrame } from "./protocol.js";

// Frames wait while the socket holds this much not yet sent: what is queued locally cannot be
// taken back when the server asks for another range (upload_want), so little is queued.
const QUEUED_BYTES = 1 << 20;

export class Uploader {
  /** `seekable`: the hello said so (the first frame then waits for the server's first answer). */
  constructor({ size, read, onProgress = () => {}, seekable = false }) {
    Object.assign(this, { size, read, onProgress, seekable });
    this.window = null;
    this.wake = null;
    this.run_ = 0;
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
    this.onProgress(this.window.acked, this.window.sent);
  }

  get acked() {
    return this.window?.acked ?? 0;
  }

  get complete() {
    return Boolean(this.window?.complete);
  }

  ack(offset, ranges) {
    this.window?.ack(offset, ranges);
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
   * once done (for the whole file: every byte acknowledged); false when stopped.
   */
  async send(socket, limit = this.size, budget = Infinity) {
    const run = ++this.run_;
    this.poke();
    const w = this.window;
    if (!w) throw new Error("upload before welcome");
    let spent = 0;
    while (run === this.run_) {
      if (w.complete || (limit < this.size && w.sent >= limit) || spent >= budget) return true;
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
