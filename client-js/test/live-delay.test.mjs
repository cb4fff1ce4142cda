// The harness's glass-to-glass report: each frame's delay is chunk_ready's arrival − (t0 + t).
import assert from "node:assert/strict";
import { test } from "node:test";
import { LiveDelay, quantile } from "../harness/live-delay.js";

test("each chunk's frames are sampled every 0.1 s and compared with when the stream captured them", () => {
  const delay = new LiveDelay();
  assert.equal(delay.chunk({ index: 0, interval: 0, start: 0, end: 3 }, 5000), null, "nothing before the stream's first byte");
  delay.started(1000);
  delay.started(1500); // only the first byte counts
  const line = delay.chunk({ index: 0, interval: 0, start: 0, end: 3 }, 1000 + 5500);
  assert.deepEqual(line, { harness: "live_delay", index: 0, start: 0, end: 3, received_s: 5.5, delay_s: { first_frame: 5.5, last_frame: 2.6 } });
  delay.warning({ code: "commentary_late", interval: 1 });
  delay.chunk({ index: 1, interval: 1, start: 3, end: 6 }, 1000 + 8000);
  delay.warning({ code: "ingest_gap", gap_s: 3.2 });
  delay.warning({ code: "tts_failed" });
  const summary = delay.summary();
  assert.equal(summary.chunks, 2);
  assert.equal(summary.frames, 60);
  assert.equal(summary.max_s, 5.5);
  // 30 frames of chunk 0 delayed 2.6-5.5 s, 30 of chunk 1 delayed 2.1-5.0 s.
  assert.ok(summary.p50_s > 3.5 && summary.p50_s < 4.1, `p50 ${summary.p50_s}`);
  assert.ok(summary.p95_s >= 5.0 && summary.p95_s <= 5.5, `p95 ${summary.p95_s}`);
  assert.equal(summary.commentary_late_chunks, 1);
  assert.deepEqual(summary.ingest_gaps_s, [3.2]);
});

test("quantiles take the nearest rank; an empty report says null", () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2);
  assert.equal(quantile([1, 2, 3, 4], 0.95), 4);
  assert.equal(quantile([], 0.5), null);
  assert.deepEqual(new LiveDelay().summary().p50_s, null);
});
