// The growing source and the uploader sending it, without a server: a fake socket records
// the frames and text messages, the test plays the server's acks and welcomes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { BACKLOG_LIMIT, LiveSource, LiveSourceError } from "../src/live-source.js";
import { HEADER_BYTES, frameOffset, startHello } from "../src/protocol.js";
import { Uploader } from "../src/uploader.js";

const bytes = (from, n) => Uint8Array.from({ length: n }, (_, i) => (from + i) % 251);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const WELCOME = { offset: 0, ranges: [], chunk_max: 100, window: 1000, complete: false };

/** A socket that keeps what is sent: binary frames as {offset, payload}, text as parsed JSON. */
function fakeSocket() {
  const socket = { frames: [], texts: [], open: true, buffered: 0 };
  socket.sendBinary = (frame) => {
    if (!socket.open) return false;
    socket.frames.push({ offset: frameOffset(frame), payload: frame.subarray(HEADER_BYTES) });
    return true;
  };
  socket.send = (message) => socket.open && Boolean(socket.texts.push(message));
  socket.received = () => socket.frames.reduce((n, f) => Math.max(n, f.offset + f.payload.length), 0);
  return socket;
}

/** Waits until `test()` holds, giving the uploader's loop turns in between. */
async function until(test, what) {
  for (let i = 0; i < 200; i += 1) {
    if (test()) return;
    await tick();
  }
  assert.fail(`never: ${what}`);
}

test("reads span the pieces a source was recorded in, and acknowledged bytes are dropped", () => {
  const source = new LiveSource();
  source.append(bytes(0, 10));
  source.append(bytes(10, 5));
  source.append(bytes(15, 20));
  assert.equal(source.length, 35);
  assert.deepEqual(source.read(8, 10), bytes(8, 10));
  source.release(12);
  assert.equal(source.backlog, 23);
  assert.deepEqual(source.read(12, 23), bytes(12, 23));
  assert.throws(() => source.read(11, 2), /asked for again after the server acknowledged them up to 12/);
  assert.throws(() => source.read(30, 6), /bytes up to 36 were asked for; 35 are recorded/);
  source.release(35);
  assert.equal(source.backlog, 0);
  assert.equal(source.pieces.length, 0, "nothing is held once all is acknowledged");
  source.end();
  assert.throws(() => source.append(bytes(0, 1)), /the stream has ended/);
});

test("a stream is sent as it grows, in order, and upload_end follows once it ended and all was sent", async () => {
  const source = new LiveSource();
  const uploader = new Uploader({ source });
  const socket = fakeSocket();
  uploader.welcome(WELCOME);
  assert.deepEqual(startHello({ name: "camera.webm", size: null, seekable: true, options: { live: true } }).upload,
                   { name: "camera.webm", size: null }, "a stream is declared of unknown size and not seekable");
  let done = false;
  const sending = uploader.send(socket).then((ok) => { done = ok; });
  await tick();
  assert.equal(socket.frames.length, 0, "nothing recorded, nothing sent");
  source.append(bytes(0, 250));
  await until(() => socket.received() === 250, "the first 250 bytes sent");
  assert.deepEqual(socket.frames.map((f) => [f.offset, f.payload.length]), [[0, 100], [100, 100], [200, 50]]);
  source.append(bytes(250, 30));
  await until(() => socket.received() === 280, "bytes appended while sending go out");
  assert.deepEqual(socket.texts, [], "no upload_end while the source records");
  assert.equal(done, false, "it waits for more bytes instead of finishing");
  source.end();
  await until(() => socket.texts.length === 1, "upload_end");
  assert.deepEqual(socket.texts, [{ type: "upload_end" }]);
  assert.equal(done, false, "not done before the server has stored every byte");
  uploader.handle({ type: "upload_ack", offset: 280, ranges: [[0, 280]] });
  await sending;
  assert.equal(done, true);
  assert.equal(source.backlog, 0);
  const payload = new Uint8Array(280);
  for (const f of socket.frames) payload.set(f.payload, f.offset);
  assert.deepEqual(payload, bytes(0, 280), "the bytes arrive as recorded");
});

test("the backlog is dropped as acks arrive, and the window holds the sender back until they do", async () => {
  const source = new LiveSource();
  const uploader = new Uploader({ source });
  const socket = fakeSocket();
  uploader.welcome({ ...WELCOME, window: 300 });
  uploader.send(socket);
  source.append(bytes(0, 1000));
  await until(() => socket.received() === 300, "a window's worth");
  await tick();
  assert.equal(socket.received(), 300, "the window is full");
  assert.equal(source.backlog, 1000);
  uploader.handle({ type: "upload_ack", offset: 200, ranges: [[0, 200]] });
  assert.equal(source.backlog, 800, "the acknowledged 200 bytes are dropped");
  await until(() => socket.received() === 500, "200 more sent");
  uploader.handle({ type: "upload_ack", offset: 1000, ranges: [[0, 1000]] });
  assert.equal(source.backlog, 0);
  uploader.stop();
});

test("after a lost connection the upload resumes at welcome's offset with what was recorded meanwhile", async () => {
  const source = new LiveSource();
  const uploader = new Uploader({ source });
  const first = fakeSocket();
  uploader.welcome(WELCOME);
  const cut = uploader.send(first);
  source.append(bytes(0, 400));
  await until(() => first.received() === 400, "400 bytes on the first socket");
  uploader.handle({ type: "upload_ack", offset: 150, ranges: [[0, 150]] });
  first.open = false; // lost: frames 150-400 may never have arrived
  uploader.stop();
  assert.equal(await cut, false);
  source.append(bytes(400, 250)); // recorded while disconnected
  source.end();
  assert.equal(source.backlog, 500, "kept: sent but not acknowledged, and recorded meanwhile");
  const second = fakeSocket();
  uploader.welcome({ ...WELCOME, offset: 300, ranges: [[0, 300]] });
  assert.equal(source.backlog, 350, "what the server stored is dropped");
  const sending = uploader.send(second);
  await until(() => second.texts.length === 1, "upload_end on the new socket");
  assert.equal(second.frames[0].offset, 300, "from welcome's offset");
  const payload = new Uint8Array(650);
  for (const f of second.frames) payload.set(f.payload, f.offset);
  assert.deepEqual(payload.subarray(300), bytes(300, 350));
  uploader.handle({ type: "upload_ack", offset: 650, ranges: [[0, 650]] });
  assert.equal(await sending, true);
});

test("upload_end sent on a connection that was lost is sent again after the resume", async () => {
  const source = new LiveSource();
  source.append(bytes(0, 50));
  source.end();
  const uploader = new Uploader({ source });
  const first = fakeSocket();
  uploader.welcome(WELCOME);
  uploader.send(first);
  await until(() => first.texts.length === 1, "upload_end");
  uploader.handle({ type: "upload_ack", offset: 50, ranges: [[0, 50]] });
  uploader.stop();
  const second = fakeSocket();
  uploader.welcome({ ...WELCOME, offset: 50, ranges: [[0, 50]], complete: false });
  assert.equal(uploader.complete, false, "the server did not take the end");
  assert.equal(await uploader.send(second), true);
  assert.deepEqual(second.texts, [{ type: "upload_end" }]);
  assert.equal(second.frames.length, 0, "no byte again");
  const third = fakeSocket();
  uploader.welcome({ ...WELCOME, offset: 50, ranges: [[0, 50]], complete: true });
  assert.equal(await uploader.send(third), true);
  assert.deepEqual(third.texts, [], "a complete upload is not ended twice");
});

test("a backlog past the limit fails the source and the upload with a message saying why", async () => {
  const source = new LiveSource({ limit: 1000 });
  const uploader = new Uploader({ source });
  const socket = fakeSocket();
  uploader.welcome({ ...WELCOME, window: 300 });
  const sending = uploader.send(socket);
  source.append(bytes(0, 600));
  source.append(bytes(600, 400));
  uploader.handle({ type: "upload_ack", offset: 200, ranges: [[0, 200]] });
  source.append(bytes(1000, 200)); // 1000 held after the ack: still within the limit
  assert.throws(() => source.append(bytes(1200, 1)), (error) => error instanceof LiveSourceError
    && /backlog reached 1000 bytes that the server has not acknowledged \(1000 bytes held since byte 200\)/.test(error.message));
  await assert.rejects(sending, /the recording stopped rather than fill the memory/);
  assert.throws(() => source.append(bytes(0, 1)), /backlog reached/, "a failed source takes no more");
  assert.equal(BACKLOG_LIMIT, 256 * 1024 * 1024);
});

test("a finished source (a reload: the recorder is gone) ends the upload where the server's bytes end", async () => {
  const source = LiveSource.finished(777);
  const uploader = new Uploader({ source });
  const socket = fakeSocket();
  uploader.welcome({ ...WELCOME, offset: 777, ranges: [[0, 777]] });
  assert.equal(await uploader.send(socket), true);
  assert.deepEqual(socket.texts, [{ type: "upload_end" }]);
  assert.equal(socket.frames.length, 0);
});
