// Runs a parsed harness script against a server: one SessionSocket at a time, every
// server message recorded and printed, steps executed in order. The upload is a file, or a
// stream (stdin, a pipe) read into a LiveSource while the script runs, whatever the connection.
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { SessionSocket } from "../src/connection.js";
import { LiveSource } from "../src/live-source.js";
import { FINAL_CLOSE_CODES, closeMessage } from "../src/messages.js";
import { CommandIds, ResumeState, command, resumeHello, startHello } from "../src/protocol.js";
import { Uploader } from "../src/uploader.js";
import { LiveDelay } from "./live-delay.js";
import { describe, eventMatches } from "./match.js";

export class StepFailure extends Error {}

// --reconnect: waits before each attempt to resume after a connection was lost.
const BACKOFF_MS = [250, 500, 1000, 2000];
const MAX_ATTEMPTS = 90;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Runner {
  /**
   * @param {{url: string, file: string, print: (line: object) => void, acks?: boolean, token?: string, reconnect?: boolean,
   *          input?: AsyncIterable<Uint8Array> & {destroy?: () => void}, live?: boolean, backlogLimit?: number}} o
   * `reconnect`: a connection lost other than by a `cut` step is resumed by itself (as the
   * page does); uploads and commands carry on over the new one. `input`: the upload is this
   * stream (of unknown size), `file` only names it. `live`: hello asks for a live session, and
   * the glass-to-glass delay of each chunk is printed (the stream must come in real time).
   */
  constructor({ url, file, print, acks = false, token, reconnect = false, input, live = false, backlogLimit }) {
    Object.assign(this, { url, file, print, acks, token, reconnect, input, live, backlogLimit });
    this.delay = live ? new LiveDelay() : null;
    this.reconnects = 0;
    this.pending = new Map(); // commands sent without a result yet, by id
    this.fatal = null; // why reconnecting gave up
    this.state = new ResumeState();
    this.events = []; // numbered events, delivered once each, in order
    this.wants = []; // upload_want messages (not numbered), for `wait`
    this.duplicates = 0;
    this.closes = [];
    this.ids = new CommandIds("h");
    this.waiters = new Set();
    this.background = null;
  }

  async run(steps) {
    if (this.input) {
      this.size = null;
      this.source = new LiveSource({ limit: this.backlogLimit });
      this.uploader = new Uploader({ source: this.source });
      this.readInput(); // runs beside the steps, whatever the connection does
    } else {
      this.handle = await open(this.file, "r");
      this.size = (await this.handle.stat()).size;
      this.uploader = new Uploader({ size: this.size, read: (offset, length) => this.read(offset, length) });
    }
    try {
      for (const step of steps) {
        try {
          await this[`step_${step.name}`](step.args);
        } catch (error) {
          if (error instanceof StepFailure) error.message = `step ${step.number} (${step.name}): ${error.message}`;
          throw error;
        }
      }
    } finally {
      this.done = true;
      this.notify(); // background waits (an upload waiting for a connection) end with the script
      this.uploader.stop();
      this.socket?.close(1000, "script done");
      if (this.delay) this.print(this.delay.summary());
      this.input?.destroy?.();
      await this.handle?.close();
    }
  }

  /** Reads the input stream into the source as it comes; its end ends the source. */
  async readInput() {
    try {
      for await (const piece of this.input) {
        if (this.done) return;
        this.firstByteAt ??= Date.now();
        this.delay?.started(this.firstByteAt);
        this.source.append(piece instanceof Uint8Array ? piece : new Uint8Array(piece));
        this.notify();
      }
      this.source.end();
      this.print({ harness: "stream_ended", bytes: this.source.length, seconds: this.streamSeconds });
    } catch (error) {
      if (this.done) return;
      this.fatal = this.source.error ? error.message : `reading the stream failed: ${error.message}`;
      this.source.fail(error);
    }
    this.notify();
  }

  /** Seconds since the stream's first byte (its time, when it comes in real time). */
  get streamSeconds() {
    return this.firstByteAt ? (Date.now() - this.firstByteAt) / 1000 : 0;
  }

  async read(offset, length) {
    const bytes = new Uint8Array(length);
    const { bytesRead } = await this.handle.read(bytes, 0, length, offset);
    if (bytesRead !== length) throw new Error(`the file ended at ${offset + bytesRead} bytes; it changed during the run`);
    return bytes;
  }

  connect(hello) {
    this.closed = null; // the current connection's close, once it has closed
    const socket = new SessionSocket({
      url: this.url,
      state: this.state,
      onMessage: (message, verdict) => this.received(message, verdict),
      onClose: (code, reason) => {
        this.print({ harness: "closed", code, reason, meaning: closeMessage(code) });
        if (this.socket !== socket) return; // an earlier connection, already replaced
        this.uploader.stop();
        this.closes.push({ code, reason });
        this.closed = { code, reason };
        this.notify();
        if (!socket.welcomed || !this.reconnect) return;
        if (this.shouldReconnect(code)) this.reconnectSoon();
        else if (FINAL_CLOSE_CODES.has(code) && !this.state.finished && !this.cutting && !this.done) {
          this.fatal = `the server closed the session for good: ${closeMessage(code, reason)} [${code}]`;
          this.notify();
        }
      },
    });
    this.socket = socket;
    return socket.open(hello).then(
      (welcome) => {
        this.uploader.welcome(welcome.upload);
        // The end of a stream was told on a connection that was lost before the server took it: told again.
        if (this.uploader.endTold && !this.uploader.complete && !welcome.finished) this.uploader.send(socket).catch(() => {});
        this.notify();
        return welcome;
      },
      ({ code, reason }) => { throw new StepFailure(`no welcome: ${closeMessage(code, reason)} [${code}]`, { cause: { code } }); },
    );
  }

  shouldReconnect(code) {
    return this.reconnect && !this.cutting && !this.done && !this.state.finished && this.state.canResume && !FINAL_CLOSE_CODES.has(code);
  }

  /** Resumes after a lost connection, with backoff, until a welcome or a close that says stop. */
  reconnectSoon() {
    if (this.reconnecting) return;
    const loop = this.reconnecting = (async () => {
      for (let attempt = 1; ; attempt += 1) {
        const wait = BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)];
        this.print({ harness: "reconnecting", attempt, in_ms: wait });
        await sleep(wait);
        if (this.done) return;
        try {
          const welcome = await this.connect(this.resumeHello());
          this.reconnects += 1;
          // Not awaited inside the loop: a close while the replay arrives starts a new one.
          this.reconnecting = null;
          if (!this.socket?.isOpen) {
            // Closed again before this loop ended: its close found the loop still running.
            if (this.shouldReconnect(this.closed?.code ?? 1006)) this.reconnectSoon();
            return;
          }
          this.resendPending(welcome);
          return;
        } catch (error) {
          const code = error.cause?.code;
          if (FINAL_CLOSE_CODES.has(code) || attempt >= MAX_ATTEMPTS) {
            this.fatal = `gave up resuming after ${attempt} attempts: ${error.message}`;
            this.notify();
            return;
          }
        }
      }
    })();
    this.reconnecting.finally(() => { if (this.reconnecting === loop) this.reconnecting = null; });
  }

  resumeHello(lastSeq = this.state.lastSeq) {
    return resumeHello({ session: this.state.session, resumeToken: this.state.resumeToken, lastSeq, token: this.token });
  }

  /** Commands whose result neither arrived nor is among the events replayed: sent again. */
  async resendPending(welcome) {
    if (!this.pending.size) return;
    await this.until(() => this.state.lastSeq >= welcome.last_seq || !this.socket?.isOpen,
                     { what: "the replay", failOnClose: false, timeout_s: 30 }).catch(() => {});
    for (const message of this.pending.values()) this.socket?.send(message);
  }

  /** Resolves once a connection is open and welcomed (reconnect mode). */
  connected(what) {
    return this.until(() => this.socket?.isOpen && this.socket.welcomed, { what, failOnClose: false, timeout_s: 180 });
  }

  received(message, verdict) {
    if (verdict === "duplicate") this.duplicates += 1;
    if (verdict === "duplicate" || verdict === "gap") return;
    this.uploader.handle(message);
    if (message.type === "upload_want") this.wants.push(message);
    if (verdict === "deliver") this.events.push(message);
    if (message.type === "command_result") this.pending.delete(message.id);
    if (this.acks || !["upload_ack", "upload_nack"].includes(message.type)) this.print(message);
    if (this.delay && verdict === "deliver") {
      if (message.type === "warning") this.delay.warning(message);
      const line = message.type === "chunk_ready" ? this.delay.chunk(message, Date.now()) : null;
      if (line) this.print(line);
    }
    this.notify();
  }

  notify() {
    for (const check of [...this.waiters]) check();
  }

  /** Resolves when `test()` is true, re-checked on every message and close. */
  until(test, { timeout_s = 60, what, failOnClose = true }) {
    return new Promise((resolve, reject) => {
      const closesAtStart = this.closes.length;
      const done = (fn) => { clearTimeout(timer); this.waiters.delete(check); fn(); };
      const check = () => {
        const value = test();
        if (value) return done(() => resolve(value));
        if (this.fatal) return done(() => reject(new StepFailure(`${this.fatal} while waiting for ${what}`)));
        if (this.done) return done(() => reject(new StepFailure(`the script ended while waiting for ${what}`)));
        if (failOnClose && !this.reconnect && this.closes.length > closesAtStart) {
          const { code, reason } = this.closes.at(-1);
          done(() => reject(new StepFailure(`connection closed while waiting for ${what}: ${closeMessage(code, reason)} [${code}]`)));
        }
      };
      const timer = setTimeout(() => done(() => reject(new StepFailure(`no ${what} within ${timeout_s} s`))), timeout_s * 1000);
      this.waiters.add(check);
      check();
    });
  }

  async requireSocket(step) {
    if (this.reconnect && this.reconnecting) await this.connected(`a connection for "${step}"`);
    if (!this.socket?.isOpen) throw new StepFailure(`"${step}" needs an open connection; add a "resume" step first`);
  }

  async step_start({ options, name, sha256, seekable = true }) {
    if (this.source && sha256) throw new StepFailure('a stream has no SHA-256 before it ends: "sha256" needs a file');
    let digest;
    if (sha256) {
      const { createHash } = await import("node:crypto");
      const hash = createHash("sha256");
      for await (const piece of this.handle.createReadStream({ start: 0, autoClose: false })) hash.update(piece);
      digest = hash.digest("hex");
    }
    if (!this.source) this.uploader.seekable = seekable;
    if (this.live) options = { ...options, live: true };
    await this.connect(startHello({ name: name ?? (this.file === "-" ? "stdin" : basename(this.file)), size: this.size, sha256: digest,
                                   options, token: this.token, seekable: seekable && !this.source }));
  }

  async step_resume({ last_seq }) {
    if (!this.state.canResume) throw new StepFailure("no session to resume");
    await this.background;
    this.cutting = false;
    if (this.socket?.isOpen) return; // reconnected by itself meanwhile
    await this.connect(this.resumeHello(last_seq));
  }

  async step_upload({ until = this.size ?? Infinity, bytes = Infinity, wait = true }) {
    await this.requireSocket("upload");
    if (this.size !== null && until > this.size) throw new StepFailure(`"until" ${until} is past the file's end (${this.size} bytes)`);
    const sending = (this.reconnect && bytes === Infinity ? this.sendAcrossReconnects(until) : this.uploader.send(this.socket, until, bytes))
      .catch((error) => { throw new StepFailure(error.message); });
    if (!wait) {
      this.background = sending.catch(() => false);
      return;
    }
    if (!(await sending)) {
      const of = until === Infinity ? "the stream's" : `${until}`;
      throw new StepFailure(`the connection closed after ${this.uploader.window.sent} of ${of} bytes`);
    }
  }

  /** Sends up to `until`, carrying on over each new connection; false once reconnecting gave up. */
  async sendAcrossReconnects(until) {
    while (!this.fatal) {
      if (await this.uploader.send(this.socket, until)) return true;
      if (this.cutting || this.done) return false;
      await this.connected("a connection to upload on").catch(() => {});
    }
    return false;
  }

  async step_cut({ at_byte, after_bytes, after_s }) {
    if (at_byte !== undefined) await this.step_upload({ until: at_byte });
    if (after_bytes !== undefined) await this.step_upload({ bytes: after_bytes });
    if (after_s !== undefined) await this.uploadFor(after_s);
    this.cutting = true;
    this.uploader.stop();
    this.socket?.close(4000, "cut by the harness");
    await this.until(() => this.closed, { what: "the cut", failOnClose: false, timeout_s: 10 });
  }

  /** A stream: uploads as it comes until it has run `seconds` since its first byte (or ended). */
  async uploadFor(seconds) {
    if (!this.source) throw new StepFailure('"after_s" counts a stream\'s seconds: it needs --file - (or a pipe)');
    await this.requireSocket("cut");
    let failure = null;
    this.uploader.send(this.socket).catch((error) => { failure = error; this.notify(); });
    // Re-checked on every piece of the stream and every message.
    await this.until(() => failure || this.source.ended || (this.firstByteAt && this.streamSeconds >= seconds),
                     { what: `${seconds} s of the stream`, timeout_s: seconds + 60 });
    if (failure) throw new StepFailure(failure.message);
  }

  /** Waits for an event (or an upload_want) received at any time in the run that no earlier `wait` matched. */
  async step_wait({ type, where, timeout_s }) {
    const pattern = { type, where };
    const wants = [type].flat().includes("upload_want");
    const list = wants ? this.wants : this.events;
    const matched = wants ? (this.matchedWants ??= new Set()) : (this.matched ??= new Set());
    const index = await this.until(() => {
      const i = list.findIndex((event, k) => !matched.has(k) && eventMatches(event, pattern));
      return i >= 0 ? i + 1 : 0;
    }, { timeout_s, what: describe(pattern) });
    matched.add(index - 1);
  }

  async step_command({ name, args, id = this.ids.next(), await: wait = true }) {
    await this.requireSocket("command");
    const message = command(id, name, args);
    if (this.reconnect) this.pending.set(id, message);
    this.socket.send(message);
    if (wait) {
      await this.until(() => this.events.some((e) => e.type === "command_result" && e.id === id && e.name === name),
                       { what: `command_result for ${id}`, timeout_s: this.reconnect ? 120 : 10 });
    }
  }

  async step_expect({ type, where, count, min, max, closed, in_order, timeout_s = 10 }) {
    if (closed !== undefined) {
      const close = await this.until(() => this.closed,
                                     { what: `close ${closed}`, timeout_s, failOnClose: false });
      if (close.code !== closed) throw new StepFailure(`expected close ${closed}, got ${close.code} (${closeMessage(close.code, close.reason)})`);
    }
    if (in_order) {
      const bad = this.events.findIndex((event, i) => event.seq !== i + 1);
      if (bad >= 0) throw new StepFailure(`event ${bad + 1} has seq ${this.events[bad].seq}`);
      if (this.duplicates) throw new StepFailure(`${this.duplicates} events arrived twice`);
    }
    if (type !== undefined || where !== undefined) {
      const n = this.events.filter((event) => eventMatches(event, { type, where })).length;
      const [lo, hi] = count !== undefined ? [count, count] : [min ?? 1, max ?? Infinity];
      if (n < lo || n > hi) {
        const wanted = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo}..${hi}`;
        throw new StepFailure(`expected ${wanted} × ${describe({ type, where })}, got ${n}`);
      }
    }
  }

  async step_send({ json, text }) {
    await this.requireSocket("send");
    this.socket.socket.send(text ?? JSON.stringify(json));
  }

  step_sleep({ ms }) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
