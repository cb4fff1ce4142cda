// The page's session: one SessionSocket at a time, reconnecting (with resume) after a
// dropped connection, the upload continued from welcome's offset, everything needed for a
// reload kept in a SessionStore. The upload is a file, or a live recording (a LiveSource)
// sent as it grows.
import { SessionSocket } from "./connection.js";
import { BlockReader } from "./file-reader.js";
import { LiveSource } from "./live-source.js";
import { FINAL_CLOSE_CODES, closeMessage } from "./messages.js";
import { CommandIds, ResumeState, command, resumeHello, startHello } from "./protocol.js";
import { fileIdentity, sameFile } from "./storage.js";
import { Uploader } from "./uploader.js";

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const SAVE_EVERY_MS = 300;

export class PageSession {
  /**
   * @param {object} o
   * @param {string} o.url the session socket URL
   * @param {import("./storage.js").SessionStore} o.store
   * @param {object} o.on callbacks: event(e), welcome(w), upload(acked, size), notice(kind, text, key), needFile(identity),
   *        refused(text) when the server closes before any welcome
   */
  constructor({ url, store, on }) {
    Object.assign(this, { url, store, on });
    this.ids = new CommandIds();
    this.attempt = 0;
    this.timer = null;
    this.saveTimer = null;
    addEventListener("online", () => this.reconnectSoon(0));
  }

  /** A new session for `file` with `options`. */
  async start(file, options) {
    this.store.clear();
    this.reset(new ResumeState(), [], fileIdentity(file));
    this.file = file;
    this.makeUploader(file.size);
    // A File can be read at any offset: the server may ask for an MP4's index first.
    await this.connect(startHello({ name: file.name, size: file.size, options, seekable: true }));
  }

  /** A live session of `source`, a recording that grows until it ends; `type`: what the recorder records. */
  async startLive(source, { name, type }, options) {
    this.store.clear();
    this.reset(new ResumeState(), [], { name, size: null, live: true, type });
    this.source = source;
    this.uploader = new Uploader({ source, onProgress: (acked) => this.on.upload(acked, null) });
    await this.connect(startHello({ name, size: null, options: { ...options, live: true } }));
  }

  /** After a reload: the stored session, its events replayed locally, then a resume. */
  async restore(saved) {
    this.reset(new ResumeState({ session: saved.session, resumeToken: saved.resumeToken, lastSeq: saved.lastSeq }),
               saved.events, saved.file);
    if (saved.file?.live) {
      // The recorder went with the page that was reloaded: the stream ends where the server's bytes end.
      this.uploader = null;
    } else {
      this.makeUploader(saved.file?.size ?? 0);
    }
    for (const event of saved.events) this.on.event(event, { replayed: true });
    await this.connect(this.resumeHello());
  }

  /** The same file again after a reload, to finish its upload. */
  provideFile(file) {
    if (!sameFile(file, this.identity)) {
      const { name, size } = this.identity;
      throw new Error(`That is not the file this session started with: choose "${name}" (${size} bytes).`);
    }
    this.file = file;
    this.continueUpload();
  }

  command(name, args) {
    const id = this.ids.next();
    if (!this.socket?.send(command(id, name, args))) {
      this.on.notice("error", "Not connected: the command was not sent. It can be sent again once reconnected.", "connection");
      return null;
    }
    return id;
  }

  reset(state, events, identity) {
    clearTimeout(this.timer);
    this.uploader?.stop();
    this.socket?.close(1000, "new session");
    Object.assign(this, { state, events: [...events], identity, file: null, source: null, attempt: 0 });
  }

  makeUploader(size) {
    this.uploader = new Uploader({ size, read: (offset, length) => this.read(offset, length), seekable: true,
                                   onProgress: (acked) => this.on.upload(acked, size) });
  }

  read(offset, length) {
    if (this.reader?.file !== this.file) this.reader = new BlockReader(this.file);
    return this.reader.read(offset, length);
  }

  resumeHello() {
    const { session, resumeToken, lastSeq } = this.state;
    return resumeHello({ session, resumeToken, lastSeq });
  }

  async connect(hello) {
    const socket = new SessionSocket({
      url: this.url, state: this.state,
      onMessage: (message, verdict) => this.received(message, verdict),
      onClose: (code, reason) => this.closed(socket, code, reason),
    });
    this.socket = socket;
    let welcome;
    try {
      welcome = await socket.open(hello);
    } catch {
      return; // closed() has said why and decided whether to retry
    }
    this.attempt = 0;
    this.upload = welcome.upload;
    if (!this.uploader) this.endRecording(welcome);
    this.uploader.welcome(welcome.upload);
    this.save(true);
    this.on.welcome(welcome);
    if (!welcome.upload.complete && !welcome.finished) this.continueUpload();
  }

  /** A live session resumed after a reload: what the server stored is the whole recording. */
  endRecording(welcome) {
    this.source = LiveSource.finished(welcome.upload.offset);
    this.uploader = new Uploader({ source: this.source, onProgress: (acked) => this.on.upload(acked, null) });
    if (!welcome.upload.complete && !welcome.finished) {
      this.on.notice("info", "The recording stopped when the page was reloaded; the session finishes with what was recorded.", "recording");
    }
  }

  continueUpload() {
    if (!this.socket?.isOpen || this.uploader.complete) return;
    if (!this.file && !this.source) {
      this.on.needFile(this.identity);
      return;
    }
    const what = this.source ? "Sending the recording failed" : "Reading the file failed";
    this.uploader.send(this.socket).catch((error) => this.on.notice("error", `${what}: ${error.message}`, "upload"));
  }

  received(message, verdict) {
    this.uploader?.handle(message);
    if (verdict !== "deliver") return;
    this.events.push(message);
    this.save(false);
    this.on.event(message, { replayed: false });
  }

  closed(socket, code, reason) {
    if (socket !== this.socket) return;
    this.uploader?.stop();
    this.save(true);
    if (this.state.finished) return;
    if (!this.state.canResume) {
      this.on.refused(closeMessage(code, reason)); // no welcome yet: nothing to resume
      return;
    }
    if (FINAL_CLOSE_CODES.has(code)) {
      this.on.notice("error", closeMessage(code, reason));
      if (code === 4404) this.store.clear();
      return;
    }
    this.on.notice("warning", `${closeMessage(code, reason)} Reconnecting…`, "connection");
    this.reconnectSoon(BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]);
  }

  reconnectSoon(delay) {
    if (!this.state?.canResume || this.state.finished || this.socket?.isOpen) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.attempt += 1;
      this.connect(this.resumeHello());
    }, delay);
  }

  /** The token is saved at once (it rotates on every welcome); events at most every 300 ms. */
  save(now) {
    const write = () => {
      this.saveTimer = null;
      const { session, resumeToken, lastSeq, finished } = this.state;
      this.store.save({ session, resumeToken, lastSeq, finished, file: this.identity, events: this.events });
    };
    if (now) {
      clearTimeout(this.saveTimer);
      write();
    } else if (!this.saveTimer) {
      this.saveTimer = setTimeout(write, SAVE_EVERY_MS);
    }
  }
}
