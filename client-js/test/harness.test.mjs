// harness.mjs as users run it: a child process against a real server.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ffmpegMissing, generatedClip } from "../test-support/clip.mjs";
import { harness, runHarness } from "../test-support/harness.mjs";
import { serverMissing, withServer } from "../test-support/server.mjs";

const skip = (typeof WebSocket === "undefined" && "Node has no WebSocket: run node --experimental-websocket") || serverMissing() || ffmpegMissing() || false;

test("a scripted session: cut mid-upload, resume, reprioritise, complete, every event once", { skip, timeout: 90000 }, async () => {
  const clip = await generatedClip({ seconds: 24 });
  await withServer(async ({ ws }) => {
    const { code, lines, stderr } = await runHarness(["--url", ws, "--file", clip], [
      { start: { options: { interval_s: 5 } } },
      { cut: { at_byte: 600000 } },
      { resume: {} },
      { upload: {} },
      { command: { name: "reprioritise_interval", args: { at: 22 } } },
      { wait: { type: "complete" } },
      { expect: { in_order: true } },
      { expect: { type: "chunk_ready", count: 5 } },
      { expect: { type: "command_result", where: { name: "reprioritise_interval", ok: true, result: { interval: 4 } } } },
      { expect: { closed: 1000 } },
    ]);
    assert.equal(code, 0, stderr);
    const welcomes = lines.filter((l) => l.type === "welcome");
    assert.equal(welcomes.length, 2);
    assert.ok(welcomes[1].upload.offset > 0 && welcomes[1].upload.offset <= 600000, `resumed at ${welcomes[1].upload.offset}`);
    assert.deepEqual(lines.filter((l) => l.harness === "closed").map((l) => l.code), [4000, 1000]);
    const seqs = lines.filter((l) => Number.isInteger(l.seq)).map((l) => l.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), "each numbered event printed once, in order");
  });
});

test("--reconnect carries a session over a killed server: upload, command and every event once", { skip, timeout: 120000 }, async () => {
  const clip = await generatedClip({ seconds: 24 });
  await withServer(async ({ ws, restart }) => {
    const run = runHarness(["--url", ws, "--file", clip, "--reconnect"], [
      { start: { options: { interval_s: 5 } } },
      { upload: { until: 700000 } },
      { command: { name: "reprioritise_interval", args: { at: 22 }, await: false } },
      { sleep: { ms: 1500 } },
      { upload: {} },
      { wait: { type: "complete", timeout_s: 90 } },
      { expect: { in_order: true } },
      { expect: { type: "command_result", where: { name: "reprioritise_interval" }, count: 1 } },
      { expect: { closed: 1000 } },
    ], { timeout: 110000 });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await restart();
    const { code, lines, stderr } = await run;
    assert.equal(code, 0, stderr);
    assert.ok(lines.some((l) => l.harness === "reconnecting"), "it reconnected by itself");
    assert.ok(lines.filter((l) => l.type === "welcome").length >= 2);
    const seqs = lines.filter((l) => Number.isInteger(l.seq)).map((l) => l.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), "each numbered event printed once, in order");
  });
});

test("a failed expectation exits 1 and names the step", { skip, timeout: 60000 }, async () => {
  const clip = await generatedClip({ seconds: 24 });
  await withServer(async ({ ws }) => {
    const { code, stderr } = await runHarness(["--url", ws, "--file", clip], [
      { upload: {} },
      { wait: { type: "complete" } },
      { expect: { type: "chunk_ready", count: 7 } },
    ]);
    assert.equal(code, 1);
    assert.match(stderr, /step 3 \(expect\): expected 7 × chunk_ready, got 3/);
  });
});

test("a wait that the session cannot satisfy fails when the connection closes", { skip, timeout: 60000 }, async () => {
  const clip = await generatedClip({ seconds: 24 });
  await withServer(async ({ ws }) => {
    const { code, stderr } = await runHarness(["--url", ws, "--file", clip], [
      { upload: {} },
      { wait: { type: "chunk_ready", where: { index: 9 } } },
    ]);
    assert.equal(code, 1);
    assert.match(stderr, /step 2 \(wait\): connection closed while waiting for chunk_ready where \{"index":9\}: The session has finished/);
  });
});

test("bad usage and bad scripts exit 2 with a clear message before connecting", async () => {
  const missing = await runHarness(["--url", "ws://127.0.0.1:9/v1/session"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--url and --file are required/);
  const notWs = await runHarness(["--url", "http://x", "--file", harness]);
  assert.match(notWs.stderr, /must be a ws:\/\/ or wss:\/\/ URL/);
  const typo = await runHarness(["--url", "ws://127.0.0.1:9/v1/session", "--file", harness], [{ upload: {} }, { wiat: {} }]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /step 2: unknown step "wiat"/);
  const json = await runHarness(["--url", "ws://127.0.0.1:9/v1/session", "--file", harness], "[{");
  assert.match(json.stderr, /not valid JSON/);
});
