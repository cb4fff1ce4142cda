// The page's and harness's pure helpers: storage record, codec sniffing, messages, uploader.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mimeTypeOfInit } from "../src/codecs.js";
import { BlockReader } from "../src/file-reader.js";
import { closeMessage, errorMessage } from "../src/messages.js";
import { frameOffset } from "../src/protocol.js";
import { sportLabel } from "../src/sports.js";
import { SessionStore, fileIdentity, sameFile } from "../src/storage.js";
import { Uploader } from "../src/uploader.js";

class MemoryStorage {
  constructor(limit = Infinity) { this.items = new Map(); this.limit = limit; }
  getItem(key) { return this.items.get(key) ?? null; }
  setItem(key, value) {
    if (value.length > this.limit) throw new DOMException("full", "QuotaExceededError");
    this.items.set(key, value);
  }
  removeItem(key) { this.items.delete(key); }
}

test("the stored record resumes from the last stored event, and keeps the token when events do not fit", () => {
  const events = [{ type: "status", seq: 1 }, { type: "media_info", seq: 2 }];
  const store = new SessionStore(new MemoryStorage());
  assert.equal(store.load(), null);
  store.save({ session: "s", resumeToken: "t", lastSeq: 2, events });
  assert.deepEqual(store.load(), { session: "s", resumeToken: "t", lastSeq: 2, events });
  store.save({ session: "s", resumeToken: "t", lastSeq: 5, events });
  assert.equal(store.load().lastSeq, 0, "events that do not reach lastSeq are not trusted");
  const small = new SessionStore(new MemoryStorage(120));
  small.save({ session: "s", resumeToken: "t", lastSeq: 2, events: [...events, { type: "x".repeat(200), seq: 3 }] });
  assert.deepEqual(small.load(), { session: "s", resumeToken: "t", lastSeq: 0, events: [] });
  store.clear();
  assert.equal(store.load(), null);
});

test("the same file is recognised by name, size and date", () => {
  const file = { name: "m.mp4", size: 10, lastModified: 5 };
  assert.ok(sameFile({ ...file }, fileIdentity(file)));
  assert.ok(!sameFile({ ...file, size: 11 }, fileIdentity(file)));
  assert.ok(!sameFile({ ...file, lastModified: 6 }, fileIdentity(file)));
  assert.ok(!sameFile(file, null));
});

test("the codec string comes from avcC and the AAC entry", () => {
  const bytes = (text) => [...text].map((c) => c.charCodeAt(0));
  const init = new Uint8Array([0, 0, 0, 0, ...bytes("avc1"), 0, 0, 0, 9, ...bytes("avcC"), 1, 0x64, 0x00, 0x1f, 0xff, ...bytes("mp4a")]);
  assert.equal(mimeTypeOfInit(init), 'video/mp4; codecs="avc1.64001F, mp4a.40.2"');
  assert.equal(mimeTypeOfInit(init.subarray(0, 20)), 'video/mp4; codecs="avc1.64001F"');
  assert.equal(mimeTypeOfInit(new Uint8Array(bytes("hvcC...."))), null);
});

test("every close code and error code reads as a sentence", () => {
  assert.equal(closeMessage(4409), "This session was opened in another tab or window.");
  assert.equal(closeMessage(4400, "invalid option 'language'"), "The server refused a message as malformed or out of order (invalid option 'language').");
  assert.equal(closeMessage(4999), "The connection closed with code 4999.");
  assert.match(errorMessage({ code: "chunk_failed", message: "mux" }), /could not be made.*\(mux\)/);
  assert.equal(errorMessage({ code: "new_code", message: "text" }), "text");
  assert.equal(errorMessage({ code: "unsupported_media", message: "notes.mp4 is not a video file the server reads: it is no MP4" }),
               "notes.mp4 is not a video file the server reads: it is no MP4.");
  assert.match(errorMessage({ code: "unsupported_media" }), /cannot read this file as a video/);
  // Live warnings read the same each time, so repeats count up instead of stacking.
  assert.equal(errorMessage({ code: "commentary_late", interval: 4, message: "interval 4: not ready" }),
               errorMessage({ code: "commentary_late", interval: 5, message: "interval 5: not ready" }));
  assert.match(errorMessage({ code: "commentary_late" }), /original sound/);
  assert.equal(errorMessage({ code: "ingest_gap", gap_s: 3.04, message: "x" }),
               "The live stream's connection was lost for 3.0 s; it continues where it stopped, that much later.");
});

/** A socket that keeps the frames sent; `frames(n)` resolves once n were sent (it fails after 2 s, naming how many came). */
function recordingSocket() {
  const sent = [];
  let waiting = [];
  return {
    sent,
    sendBinary(frame) {
      sent.push(frame);
      for (const w of waiting.filter((w) => sent.length >= w.n)) w.done();
      waiting = waiting.filter((w) => sent.length < w.n);
      return true;
    },
    frames(n) {
      if (sent.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${sent.length} of ${n} frames were sent`)), 2000);
        waiting.push({ n, done: () => { clearTimeout(timer); resolve(); } });
      });
    },
  };
}

/** Lets every pending read and send run (they are promise jobs): after it an uploader waiting on its window sends nothing more. */
const idle = () => new Promise((resolve) => setImmediate(resolve));

test("the uploader keeps to the window, continues after a nack and restarts from welcome's offset", async () => {
  const file = new Uint8Array(1000).map((_, i) => i % 251);
  const socket = recordingSocket();
  const { sent } = socket;
  const uploader = new Uploader({ size: 1000, read: async (offset, length) => file.slice(offset, offset + length) });
  uploader.welcome({ offset: 0, chunk_max: 300, window: 600 });
  const done = uploader.send(socket);
  await socket.frames(2);
  await idle();
  assert.deepEqual(sent.map(frameOffset), [0, 300], "window of 600 full");
  // A nack starts a new run there: the window counts that run's bytes not yet acknowledged.
  uploader.nack(300);
  await socket.frames(4);
  await idle();
  assert.deepEqual(sent.map(frameOffset), [0, 300, 300, 600]);
  uploader.ack(600);
  await socket.frames(5);
  await idle();
  assert.deepEqual(sent.map(frameOffset), [0, 300, 300, 600, 900]);
  assert.deepEqual([...sent.at(-1).subarray(8)], [...file.subarray(900)]);
  uploader.stop();
  assert.equal(await done, false, "stopped before the last ack");
  uploader.welcome({ offset: 950, chunk_max: 300, window: 600 });
  const rest = uploader.send(socket);
  await socket.frames(6);
  assert.equal(frameOffset(sent.at(-1)), 950);
  uploader.ack(1000);
  assert.equal(await rest, true);
});

test("the block reader serves frames from 4 MiB blocks and notices a shrunken file", async () => {
  const data = new Uint8Array(10).map((_, i) => i);
  let slices = 0;
  const file = { size: 10, slice: (a, b) => { slices += 1; return { arrayBuffer: async () => data.slice(a, b).buffer }; } };
  const reader = new BlockReader(file, 6);
  assert.deepEqual([...await reader.read(0, 3)], [0, 1, 2]);
  assert.deepEqual([...await reader.read(3, 3)], [3, 4, 5]);
  assert.equal(slices, 1);
  assert.deepEqual([...await reader.read(6, 4)], [6, 7, 8, 9]);
  assert.deepEqual([...await reader.read(1, 2)], [1, 2], "going back (a nack) reads again");
  assert.equal(slices, 3);
  file.size = 8;
  await assert.rejects(new BlockReader({ ...file, slice: (a, b) => ({ arrayBuffer: async () => data.slice(a, Math.min(b, 8)).buffer }) }).read(6, 4), /file ended at 8/);
});

test("sport ids read as names on the page", () => {
  assert.equal(sportLabel("field_hockey"), "Field hockey");
  assert.equal(sportLabel("soccer"), "Soccer");
  assert.equal(sportLabel("generic"), "Other");
});

test("the uploader follows upload_want and resumes from welcome's ranges and want", async () => {
  const file = new Uint8Array(1000).map((_, i) => i % 251);
  const socket = recordingSocket();
  const { sent } = socket;
  const uploader = new Uploader({ size: 1000, read: async (offset, length) => file.slice(offset, offset + length) });
  uploader.welcome({ offset: 0, ranges: [], want: 0, chunk_max: 200, window: 1000 });
  const first = uploader.send(socket, 1000, 200);
  assert.equal(await first, true, "one frame sent, as budgeted");
  uploader.handle({ type: "upload_want", offset: 700 });
  const done = uploader.send(socket);
  await socket.frames(3);
  await idle();
  assert.deepEqual(sent.map(frameOffset), [0, 700, 900], "the index range, to the end of the file");
  uploader.handle({ type: "upload_ack", offset: 200, ranges: [[0, 200], [700, 1000]] });
  uploader.handle({ type: "upload_want", offset: 200 });
  await socket.frames(6);
  await idle();
  assert.deepEqual(sent.map(frameOffset), [0, 700, 900, 200, 400, 600]);
  assert.equal(sent.at(-1).length - 8, 100, "the run stops where the stored index begins");
  uploader.stop();
  assert.equal(await done, false);
  uploader.welcome({ offset: 450, ranges: [[0, 450], [700, 1000]], want: 450, chunk_max: 200, window: 1000 });
  const rest = uploader.send(socket);
  await socket.frames(8);
  await idle();
  assert.deepEqual(sent.slice(6).map(frameOffset), [450, 650]);
  uploader.handle({ type: "upload_ack", offset: 1000, ranges: [[0, 1000]] });
  assert.equal(await rest, true);
});
