// Runs a parsed harness script against a server: one SessionSocket at a time, every
// server message recorded and printed, steps executed in order.
import { open } from "node:fs/promises";
import { basename } from "node:path";
import { SessionSocket } from "../src/connection.js";
import { closeMessage } from "../src/messages.js";
import { CommandIds, ResumeState, command, resumeHello, startHello } from "../src/protocol.js";
import { Uploader } from "../src/uploader.js";
import { describe, eventMatches } from "./match.js";

export class StepFailure extends Error {}

export class Runner {
  /** @param {{url: string, file: string, print: (line: object) => void, acks?: boolean, token?: string}} o */
  constructor({ url, file, print, acks = false, token }) {
    Object.assign(this, { url, file, print, acks, token });
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
    this.handle = await open(this.file, "r");
    this.size = (await this.handle.stat()).size;
    this.uploader = new Uploader({ size: this.size, read: (offset, length) => this.read(offset, length) });
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
      this.uploader.stop();
      this.socket?.close(1000, "script done");
      await this.handle.close();
    }
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
      },
    });
    this.socket = socket;
    return socket.open(hello).then(
      (welcome) => this.uploader.welcome(welcome.upload),
      ({ code, reason }) => { throw new StepFailure(`no welcome: ${closeMessage(code, reason)} [${code}]`); },
    );
  }

  received(message, verdict) {
    if (verdict === "duplicate") this.duplicates += 1;
    if (verdict === "duplicate" || verdict === "gap") return;
    this.uploader.handle(message);
    if (message.type === "upload_want") this.wants.push(message);
    if (verdict === "deliver") this.events.push(message);
    if (this.acks || !["upload_ack", "upload_nack"].includes(message.type)) this.print(message);
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
        if (failOnClose && this.closes.length > closesAtStart) {
          const { code, reason } = this.closes.at(-1);
          done(() => reject(new StepFailure(`connection closed while waiting for ${what}: ${closeMessage(code, reason)} [${code}]`)));
        }
      };
      const timer = setTimeout(() => done(() => reject(new StepFailure(`no ${what} within ${timeout_s} s`))), timeout_s * 1000);
      this.waiters.add(check);
      check();
    });
  }

  requireSocket(step) {
    if (!this.socket?.isOpen) throw new StepFailure(`"${step}" needs an open connection; add a "resume" step first`);
  }

  async step_start({ options, name, sha256, seekable = true }) {
    let digest;
    if (sha256) {
      const { createHash } = await import("node:crypto");
      const hash = createHash("sha256");
      for await (const piece of this.handle.createReadStream({ start: 0, autoClose: false })) hash.update(piece);
      digest = hash.digest("hex");
    }
    this.uploader.seekable = seekable;
    await this.connect(startHello({ name: name ?? basename(this.file), size: this.size, sha256: digest, options, token: this.token,
                                   seekable }));
  }

  async step_resume({ last_seq }) {
    if (!this.state.canResume) throw new StepFailure("no session to resume");
    await this.background;
    await this.connect(resumeHello({ session: this.state.session, resumeToken: this.state.resumeToken,
                                     lastSeq: last_seq ?? this.state.lastSeq, token: this.token }));
  }

  async step_upload({ until = this.size, bytes = Infinity, wait = true }) {
    this.requireSocket("upload");
    if (until > this.size) throw new StepFailure(`"until" ${until} is past the file's end (${this.size} bytes)`);
    const sending = this.uploader.send(this.socket, until, bytes);
    if (!wait) {
      this.background = sending.catch(() => false);
      return;
    }
    if (!(await sending)) throw new StepFailure(`the connection closed after ${this.uploader.window.sent} of ${until} bytes`);
  }

  async step_cut({ at_byte, after_bytes }) {
    if (at_byte !== undefined) await this.step_upload({ until: at_byte });
    if (after_bytes !== undefined) await this.step_upload({ bytes: after_bytes });
    this.uploader.stop();
    this.socket?.close(4000, "cut by the harness");
    await this.until(() => this.closed, { what: "the cut", failOnClose: false, timeout_s: 10 });
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
    this.requireSocket("command");
    this.socket.send(command(id, name, args));
    if (wait) {
      await this.until(() => this.events.some((e) => e.type === "command_result" && e.id === id && e.name === name),
                       { what: `command_result for ${id}`, timeout_s: 10 });
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

  step_send({ json, text }) {
    this.requireSocket("send");
    this.socket.socket.send(text ?? JSON.stringify(json));
  }

  step_sleep({ ms }) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
