// Sends a file's bytes over a SessionSocket within the server's window, continuing from
// any offset. `read(offset, length)` returns the bytes (a File slice in the page, a file
// handle in the harness), so the same code serves both.
import { UploadWindow, encodeFrame } from "./protocol.js";

export class Uploader {
  constructor({ size, read, onProgress = () => {} }) {
    Object.assign(this, { size, read, onProgress });
    this.window = null;
    this.wake = null;
    this.run_ = 0;
  }

  /** After each welcome: the server's offset, frame size and window. */
  welcome(upload) {
    const { offset, chunk_max: chunkMax, window } = upload;
    if (this.window) {
      Object.assign(this.window, { chunkMax, window });
      this.window.restart(offset);
    } else {
      this.window = new UploadWindow({ size: this.size, offset, chunkMax, window });
    }
    this.onProgress(this.window.acked, this.window.sent);
  }

  get acked() {
    return this.window?.acked ?? 0;
  }

  get complete() {
    return Boolean(this.window?.complete);
  }

  ack(offset) {
    this.window?.ack(offset);
    this.onProgress(this.window.acked, this.window.sent);
    this.poke();
  }

  nack(expected) {
    this.window?.nack(expected);
    this.poke();
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
   * Sends up to `limit` bytes (the whole file by default). Resolves true once every byte
   * below `limit` is sent (and, for the whole file, acknowledged); false when stopped.
   */
  async send(socket, limit = this.size) {
    const run = ++this.run_;
    this.poke();
    const w = this.window;
    if (!w) throw new Error("upload before welcome");
    while (run === this.run_) {
      const whole = limit >= this.size;
      if (whole ? w.complete : w.sent >= limit) return true;
      const span = w.next(limit);
      if (!span) {
        await new Promise((resolve) => (this.wake = resolve));
        continue;
      }
      const bytes = await this.read(span.offset, span.length);
      if (run !== this.run_) return false;
      if (!socket.sendBinary(encodeFrame(span.offset, bytes))) return false;
      this.onProgress(w.acked, w.sent);
    }
    return false;
  }
}
