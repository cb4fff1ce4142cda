// Where a live player should be: delay_s behind the live edge (the latest chunk's end, moving
// on in real time), and what it does to stay there.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LiveEdge } from "../src/live-edge.js";
import { RECORDER_TYPES, isH264, recorderType, recordingName } from "../src/recorder.js";

test("the live edge is the latest chunk's end, moving on in real time for at most one delay", () => {
  const edge = new LiveEdge();
  assert.equal(edge.known, false);
  edge.configure({ delay_s: 4, interval_s: 3 });
  edge.chunk({ start: 0, end: 3 }, 10000);
  assert.equal(edge.edge(10000), 3);
  assert.equal(edge.edge(11500), 4.5);
  assert.equal(edge.edge(30000), 7, "no chunk for long: the edge waits one delay past the last");
  edge.chunk({ start: 3, end: 6 }, 13000);
  edge.chunk({ start: 0, end: 3 }, 14000); // replayed after a reconnect: not newer
  assert.equal(edge.edge(14000), 7);
  assert.equal(edge.target(14000), 3);
  assert.equal(edge.behind(3, 14000), 4);
  assert.equal(new LiveEdge().configure({ interval_s: 3 }) ?? 0, 0);
});

test("a follower waits for the first chunk's start, then nudges its speed, and jumps when far off", () => {
  const edge = new LiveEdge();
  edge.configure({ delay_s: 4, interval_s: 3 });
  edge.chunk({ start: 0, end: 3 }, 0);
  assert.deepEqual(edge.steer(0, 0), { hold: true, at: 0 }, "the edge is 3 s in: 1 s to wait");
  assert.deepEqual(edge.steer(0, 1000), { rate: 1 });
  assert.deepEqual(edge.steer(1.5, 2000), { rate: 0.93 }, "ahead: a little slower");
  assert.deepEqual(edge.steer(2, 3000), { rate: 1 }, "on time");
  edge.chunk({ start: 3, end: 6 }, 3200);
  assert.deepEqual(edge.steer(1.0, 3200), { rate: 1.08 }, "behind: a little faster");
  assert.deepEqual(edge.steer(20, 3200), { seek: 2 });
  edge.chunk({ start: 6, end: 30 }, 4000); // a reconnect brought many chunks at once
  assert.deepEqual(edge.steer(2, 4000), { seek: 26 });
  const fallback = new LiveEdge();
  fallback.configure({ interval_s: 3 });
  assert.equal(fallback.delay, 6, "without delay_s: two intervals");
});

test("the recorder prefers H.264 in Matroska/WebM, and names the upload by its container", () => {
  const chromium = new Set(["video/webm;codecs=vp8,opus", "video/x-matroska;codecs=avc1,opus", "video/webm"]);
  assert.equal(recorderType((t) => chromium.has(t)), "video/x-matroska;codecs=avc1,opus");
  assert.equal(recorderType((t) => t.includes("vp")), "video/webm;codecs=vp9,opus");
  assert.equal(recorderType(() => false), "");
  assert.equal(RECORDER_TYPES[0], "video/webm;codecs=h264,opus");
  assert.ok(isH264("video/x-matroska;codecs=avc1,opus") && !isH264("video/webm;codecs=vp8,opus"));
  assert.equal(recordingName("camera", "video/x-matroska;codecs=avc1,opus"), "camera.mkv");
  assert.equal(recordingName("screen", "video/webm;codecs=h264"), "screen.webm");
  assert.equal(recordingName("camera", "video/mp4;codecs=avc1"), "camera.mp4");
});
