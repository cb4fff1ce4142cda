// A stream that grows while it is recorded (a MediaRecorder in the page, stdin in the
// harness), read by the Uploader like a file whose end is not known yet. Bytes are kept until
// the server has acknowledged them (upload_ack), so a lost connection loses nothing: the
// resumed upload sends from welcome's offset whatever was recorded meanwhile. What is
// acknowledged is dropped, so memory stays flat over a long run; a backlog that grows past
// `limit` (the server not keeping up, or unreachable for too long) fails the source with a
// message saying so instead of growing without bound.
export const BACKLOG_LIMIT = 256 * 1024 * 1024;

export class LiveSourceError extends Error {}

const size = (n) => (n < 1024 * 1024 ? `${n} bytes` : `${(n / (1024 * 1024)).toFixed(0)} MiB`);

export class LiveSource {
  constructor({ limit = BACKLOG_LIMIT } = {}) {
    this.limit = limit;
    this.pieces = []; // Uint8Arrays, in order, starting at `base`
    this.base = 0; // bytes before this were acknowledged and dropped
    this.length = 0; // bytes recorded so far
    this.ended = false;
    this.error = null;
    this.watchers = new Set();
  }

  /** A stream that is over: `length` bytes, all already stored by the server (a reload: the recorder is gone). */
  static finished(length) {
    const source = new LiveSource();
    Object.assign(source, { base: length, length, ended: true });
    return source;
  }

  /** Bytes held: recorded and not yet acknowledged. */
  get backlog() {
    return this.length - this.base;
  }

  /** The recorder's next bytes. Throws (and fails the source) when the backlog would pass the limit. */
  append(bytes) {
    if (this.error) throw this.error;
    if (this.ended) throw new LiveSourceError("the stream has ended; nothing can be added to it");
    if (!bytes.byteLength) return;
    if (this.backlog + bytes.byteLength > this.limit) {
      this.fail(new LiveSourceError(`the stream's backlog reached ${size(this.limit)} that the server has not acknowledged `
        + `(${size(this.backlog)} held since byte ${this.base}); the recording stopped rather than fill the memory`));
      throw this.error;
    }
    this.pieces.push(bytes);
    this.length += bytes.byteLength;
    this.changed();
  }

  /** The source stopped: `length` is the stream's size. */
  end() {
    if (this.ended) return;
    this.ended = true;
    this.changed();
  }

  fail(error) {
    this.error ??= error;
    this.changed();
  }

  /** Bytes [offset, offset + length), which must have been recorded and not dropped. */
  read(offset, length) {
    if (offset < this.base) {
      throw new LiveSourceError(`bytes from ${offset} were asked for again after the server acknowledged them up to ${this.base}`);
    }
    if (offset + length > this.length) throw new LiveSourceError(`bytes up to ${offset + length} were asked for; ${this.length} are recorded`);
    const out = new Uint8Array(length);
    let at = this.base, filled = 0;
    for (const piece of this.pieces) {
      const end = at + piece.byteLength;
      if (end > offset && filled < length) {
        const from = Math.max(0, offset + filled - at);
        const part = piece.subarray(from, Math.min(piece.byteLength, from + length - filled));
        out.set(part, filled);
        filled += part.byteLength;
      }
      if (filled >= length) break;
      at = end;
    }
    return out;
  }

  /** The server stores everything before `offset`: those bytes are dropped. */
  release(offset) {
    const upTo = Math.min(offset, this.length);
    while (this.pieces.length && this.base + this.pieces[0].byteLength <= upTo) {
      this.base += this.pieces.shift().byteLength;
    }
    if (this.pieces.length && upTo > this.base) {
      // A copy, not a view: the acknowledged part of the piece goes with its buffer.
      this.pieces[0] = this.pieces[0].slice(upTo - this.base);
      this.base = upTo;
    }
  }

  /** Calls `watcher()` whenever bytes are added, the stream ends or fails; returns the unsubscribe. */
  watch(watcher) {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  changed() {
    for (const watcher of [...this.watchers]) watcher();
  }
}
