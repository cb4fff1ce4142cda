import assert from "node:assert/strict";
import { test } from "node:test";
import { ByteRanges, CommandIds, ResumeState, UploadWindow, command, encodeFrame, frameOffset, parseMessage, resumeHello, sessionURL, startHello }
  from "../src/protocol.js";

test("an upload frame is the big-endian offset then the payload", () => {
  const frame = encodeFrame(0x0102030405, new Uint8Array([9, 8, 7]));
  assert.deepEqual([...frame], [0, 0, 0, 1, 2, 3, 4, 5, 9, 8, 7]);
  assert.equal(frameOffset(frame), 0x0102030405);
  assert.throws(() => encodeFrame(0, new Uint8Array()), /at least one byte/);
  assert.throws(() => encodeFrame(-1, new Uint8Array([1])), /bad upload offset/);
});

test("the window never has more than `window` bytes beyond the ack in flight, in frames of chunk_max", () => {
  const w = new UploadWindow({ size: 1000, chunkMax: 300, window: 500 });
  assert.deepEqual(w.next(), { offset: 0, length: 300 });
  assert.deepEqual(w.next(), { offset: 300, length: 200 });
  assert.equal(w.next(), null, "window full");
  w.ack(300);
  assert.deepEqual(w.next(), { offset: 500, length: 300 });
  assert.equal(w.next(), null);
  w.ack(800);
  assert.deepEqual(w.next(), { offset: 800, length: 200 });
  assert.ok(w.allSent);
  assert.ok(!w.complete);
  w.ack(1000);
  assert.ok(w.complete);
  assert.equal(w.next(), null);
});

test("the window stops at a limit and continues from a nack or a new welcome", () => {
  const w = new UploadWindow({ size: 1000, chunkMax: 400, window: 1000, offset: 100 });
  assert.deepEqual(w.next(250), { offset: 100, length: 150 });
  assert.equal(w.next(250), null);
  assert.deepEqual(w.next(), { offset: 250, length: 400 });
  w.nack(180);
  assert.equal(w.sent, 180);
  assert.equal(w.acked, 100);
  assert.deepEqual(w.next(), { offset: 180, length: 400 });
  w.restart(520);
  assert.deepEqual(w.next(), { offset: 520, length: 400 });
  assert.throws(() => new UploadWindow({ size: 1, chunkMax: 0, window: 1 }), /positive/);
});

test("resume bookkeeping delivers each numbered event once and in order", () => {
  const state = new ResumeState();
  assert.ok(!state.canResume);
  state.welcome({ session: "s_1", resume_token: "t1", finished: false });
  assert.ok(state.canResume);
  assert.equal(state.accept({ type: "status", seq: 1 }), "deliver");
  assert.equal(state.accept({ type: "status", seq: 2 }), "deliver");
  assert.equal(state.accept({ type: "status", seq: 2 }), "duplicate");
  assert.equal(state.accept({ type: "status", seq: 1 }), "duplicate");
  assert.equal(state.accept({ type: "status", seq: 4 }), "gap");
  assert.equal(state.lastSeq, 2);
  assert.equal(state.accept({ type: "upload_ack", offset: 5 }), "deliver", "unnumbered messages pass");
  state.welcome({ session: "s_1", resume_token: "t2", finished: false });
  assert.equal(state.resumeToken, "t2", "the token rotates");
  assert.throws(() => state.welcome({ session: "s_2", resume_token: "x" }), /expected s_1/);
  assert.equal(state.accept({ type: "complete", seq: 3 }), "deliver");
  assert.ok(state.finished);
  const fatal = new ResumeState({ session: "s", resumeToken: "t", lastSeq: 7 });
  fatal.accept({ type: "error", seq: 8, fatal: false });
  assert.ok(!fatal.finished);
  fatal.accept({ type: "error", seq: 9, fatal: true });
  assert.ok(fatal.finished);
  assert.deepEqual(fatal.toJSON(), { session: "s", resumeToken: "t", lastSeq: 9, finished: true });
});

test("command ids are unique per client and commands carry their args", () => {
  const a = new CommandIds("a"), b = new CommandIds("b");
  const ids = [a.next(), a.next(), b.next()];
  assert.deepEqual(ids, ["a-1", "a-2", "b-1"]);
  assert.notEqual(new CommandIds().prefix, undefined);
  assert.deepEqual(command("a-1", "cancel"), { type: "command", id: "a-1", name: "cancel" });
  assert.deepEqual(command("a-2", "reprioritise_interval", { at: 12.5 }),
                   { type: "command", id: "a-2", name: "reprioritise_interval", args: { at: 12.5 } });
});

test("hellos follow the protocol's shapes", () => {
  assert.deepEqual(startHello({ name: "m.mp4", size: 10, options: { voice: "en-us" } }),
                   { type: "hello", mode: "start", upload: { name: "m.mp4", size: 10 }, options: { voice: "en-us" } });
  assert.deepEqual(startHello({ name: "m.mp4", size: undefined, sha256: "ab", token: "k", options: {} }),
                   { type: "hello", mode: "start", upload: { name: "m.mp4", size: null, sha256: "ab" }, token: "k" });
  assert.deepEqual(resumeHello({ session: "s_1", resumeToken: "t", lastSeq: 4 }),
                   { type: "hello", mode: "resume", session: "s_1", resume_token: "t", last_seq: 4 });
  assert.equal(sessionURL("ws://h:1/v1/session", "s_1"), "ws://h:1/v1/session?session=s_1");
  assert.equal(sessionURL("ws://h:1/v1/session?session=old", null), "ws://h:1/v1/session");
});

test("server text that is not a protocol message is refused with a readable reason", () => {
  assert.deepEqual(parseMessage('{"type":"pong"}'), { type: "pong" });
  assert.throws(() => parseMessage("nope"), /not JSON: nope/);
  assert.throws(() => parseMessage('{"seq":1}'), /without a type/);
  assert.throws(() => parseMessage("null"), /without a type/);
});

test("byte ranges merge what touches and answer where a run must stop", () => {
  const r = new ByteRanges([[10, 20], [30, 40]]);
  r.insert(20, 30);
  assert.deepEqual(r.pairs, [[10, 40]]);
  r.insert(0, 5);
  assert.deepEqual(r.pairs, [[0, 5], [10, 40]]);
  assert.equal(r.count, 35);
  assert.equal(r.nextStart(5), 10);
  assert.deepEqual(r.at(12), [10, 40]);
  assert.equal(r.at(7), undefined);
  assert.equal(r.held(0, 12), 7);
  assert.ok(r.covers(10, 40) && !r.covers(4, 11));
});

test("an index-first upload: frames follow upload_want and stop where stored bytes begin", () => {
  // 1000 bytes, media data [0, 700), the index [700, 1000).
  const w = new UploadWindow({ size: 1000, chunkMax: 200, window: 600, want: 0 });
  assert.deepEqual(w.next(), { offset: 0, length: 200 });
  assert.deepEqual(w.next(), { offset: 200, length: 200 });
  w.want(700); // the server found the index after the media data
  assert.deepEqual(w.next(), { offset: 700, length: 200 });
  w.nack(700); // for a frame sent before the jump: the run goes on
  assert.deepEqual(w.next(), { offset: 900, length: 100 });
  assert.equal(w.next(), null, "the end of the file");
  w.ack(200, [[0, 200], [700, 1000]]);
  w.want(200);
  assert.equal(w.inFlight, 0, "bytes sent before a jump no longer count");
  assert.deepEqual(w.next(), { offset: 200, length: 200 });
  assert.deepEqual(w.next(), { offset: 400, length: 200 });
  assert.deepEqual(w.next(), { offset: 600, length: 100 }, "stops where the stored index begins");
  assert.equal(w.next(), null);
  assert.ok(!w.complete);
  w.ack(1000, [[0, 1000]]);
  assert.ok(w.complete);
});

test("the window counts bytes of the run not yet in an acknowledged range", () => {
  const w = new UploadWindow({ size: 10000, chunkMax: 300, window: 500, ranges: [[0, 100], [5000, 10000]], offset: 100, want: 100 });
  assert.deepEqual(w.next(), { offset: 100, length: 300 });
  assert.deepEqual(w.next(), { offset: 400, length: 200 });
  assert.equal(w.next(), null, "window full");
  w.ack(400, [[0, 400], [5000, 10000]]);
  assert.deepEqual(w.next(), { offset: 600, length: 300 });
  w.restart(450, [[0, 450], [5000, 10000]], 450);
  assert.equal(w.acked, 5450);
  assert.deepEqual(w.next(), { offset: 450, length: 300 }, "a resume continues from welcome's want");
});

test("a seekable hello says so only with a known size", () => {
  assert.equal(startHello({ name: "a.mp4", size: 10, seekable: true }).upload.seekable, true);
  assert.equal(startHello({ name: "a", size: null, seekable: true }).upload.seekable, undefined);
  assert.equal(startHello({ name: "a", size: 10 }).upload.seekable, undefined);
});

test("a stream's window sends as far as it has grown, and completes once it has ended and all is stored", () => {
  const w = new UploadWindow({ size: null, chunkMax: 100, window: 1000 });
  assert.equal(w.next(), null, "nothing recorded yet");
  w.grow(150);
  assert.deepEqual(w.next(), { offset: 0, length: 100 });
  assert.deepEqual(w.next(), { offset: 100, length: 50 });
  assert.equal(w.next(), null, "waits for more");
  assert.ok(!w.allSent && !w.complete, "a stream that records on is never all sent");
  w.grow(120); // never shrinks
  w.grow(180);
  assert.deepEqual(w.next(), { offset: 150, length: 30 });
  w.finish(180);
  assert.ok(w.allSent);
  assert.ok(!w.complete);
  w.ack(180, [[0, 180]]);
  assert.ok(w.complete);
  assert.equal(w.prefix, 180);
  const file = new UploadWindow({ size: 50, chunkMax: 100, window: 1000 });
  file.grow(500);
  assert.deepEqual(file.next(), { offset: 0, length: 50 }, "a file's size is its size");
});
