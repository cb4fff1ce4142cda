// Live sessions through harness.mjs against a real server: a stream written in real time
// (ffmpeg -re, MPEG-TS on a pipe) is commented on while it streams, and a cut of the ingest
// connection mid-stream is resumed with nothing lost.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ffmpegMissing } from "../test-support/clip.mjs";
import { probeDuration, runLiveHarness } from "../test-support/live-stream.mjs";
import { withProxy } from "../test-support/proxy.mjs";
import { serverMissing, withServer } from "../test-support/server.mjs";

const skip = (typeof WebSocket === "undefined" && "Node has no WebSocket: run node --experimental-websocket") || serverMissing() || ffmpegMissing() || false;
const SECONDS = 24;

test("a live stream gets its chunks while it streams, then its final video and the glass-to-glass report", { skip, timeout: 150000 }, async () => {
  await withServer(async ({ ws, http }) => {
    const { code, lines, stderr } = await runLiveHarness(["--url", ws, "--live"], { seconds: SECONDS });
    assert.equal(code, 0, stderr);
    const info = lines.find((l) => l.type === "media_info");
    assert.equal(info.live, true, "the server took it as live");
    assert.ok(info.delay_s > 0, `media_info delay_s ${info.delay_s}`);
    const ended = lines.find((l) => l.harness === "stream_ended");
    assert.ok(ended && ended.seconds > SECONDS - 2, `the stream ran in real time: ${JSON.stringify(ended)}`);
    const chunks = lines.filter((l) => l.type === "chunk_ready");
    const whileStreaming = chunks.filter((c) => c.at < ended.at);
    assert.ok(whileStreaming.length >= 4, `${whileStreaming.length} of ${chunks.length} chunks arrived while the stream ran`);
    const complete = lines.find((l) => l.type === "complete");
    assert.ok(complete?.final_video, "complete with a final video");
    const delays = lines.filter((l) => l.harness === "live_delay");
    assert.equal(delays.length, chunks.length, "a delay line per chunk");
    const summary = lines.find((l) => l.harness === "live_delay_summary");
    assert.equal(summary.chunks, chunks.length);
    assert.ok(summary.frames >= SECONDS * 10 - 5, `frames sampled every 0.1 s: ${summary.frames}`);
    assert.ok(summary.p50_s > 0 && summary.p50_s <= summary.p95_s && summary.p95_s <= summary.max_s, JSON.stringify(summary));
    console.log(`# live, ${SECONDS} s stream, delay_s ${info.delay_s}: ${JSON.stringify(summary)}`);
    const duration = await probeDuration(`${http}${complete.final_video}`);
    assert.ok(Math.abs(duration - SECONDS) < 0.5, `the final video is ${duration} s`);
  });
});

test("a cut of the ingest connection mid-stream is resumed: an ingest_gap, and the final video holds the whole stream", { skip, timeout: 150000 }, async () => {
  await withServer(async ({ ws, http }) => {
    const { code, lines, stderr } = await runLiveHarness(["--url", ws, "--live"], {
      seconds: SECONDS,
      script: [
        { start: {} },
        { cut: { after_s: 8 } },
        { sleep: { ms: 3000 } },
        { resume: {} },
        { upload: {} },
        { wait: { type: "complete", timeout_s: 90 } },
        { expect: { in_order: true } },
        { expect: { type: "warning", where: { code: "ingest_gap" }, count: 1 } },
      ],
    });
    assert.equal(code, 0, stderr);
    const gap = lines.find((l) => l.type === "warning" && l.code === "ingest_gap");
    assert.ok(gap.gap_s >= 2.5 && gap.gap_s < 8, `gap_s ${gap.gap_s} for a 3 s cut`);
    const welcomes = lines.filter((l) => l.type === "welcome");
    assert.equal(welcomes.length, 2);
    assert.ok(welcomes[1].upload.offset > 0, "the resumed upload continues where the server's bytes end");
    const complete = lines.find((l) => l.type === "complete");
    assert.ok(complete?.final_video, "complete with a final video");
    const duration = await probeDuration(`${http}${complete.final_video}`);
    assert.ok(Math.abs(duration - SECONDS) < 0.5, `the final video is ${duration} s of a ${SECONDS} s stream`);
    const chunks = lines.filter((l) => l.type === "chunk_ready");
    const covered = chunks.reduce((sum, c) => sum + c.end - c.start, 0);
    assert.ok(Math.abs(covered - SECONDS) < 0.5, `the chunks cover ${covered} s`);
    const summary = lines.find((l) => l.harness === "live_delay_summary");
    assert.deepEqual(summary.ingest_gaps_s, [gap.gap_s]);
    console.log(`# live with a 3 s cut at 8 s: ${JSON.stringify(summary)}`);
  });
});

test("--reconnect carries a live stream over a lost connection: stdin is kept meanwhile and sent on", { skip, timeout: 150000 }, async () => {
  await withServer(({ port, http }) => withProxy(port, async (proxy) => {
    const url = `ws://127.0.0.1:${proxy.port}/v1/session`;
    const cut = setTimeout(() => proxy.cut(), 9000);
    const { code, lines, stderr } = await runLiveHarness(["--url", url, "--live", "--reconnect"], { seconds: 20 });
    clearTimeout(cut);
    assert.equal(code, 0, stderr);
    assert.equal(proxy.cuts, 1);
    assert.ok(lines.some((l) => l.harness === "reconnecting"), "it reconnected by itself");
    assert.ok(lines.some((l) => l.type === "warning" && l.code === "ingest_gap" && l.gap_s > 0), "the server heard the gap");
    const seqs = lines.filter((l) => Number.isInteger(l.seq)).map((l) => l.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), "each numbered event printed once, in order");
    const complete = lines.find((l) => l.type === "complete");
    const duration = await probeDuration(`${http}${complete.final_video}`);
    assert.ok(Math.abs(duration - 20) < 0.5, `the final video is ${duration} s of a 20 s stream`);
  }));
});

test("--file - without --live: a stream of unknown size, sent as it comes, ended with upload_end", { skip, timeout: 120000 }, async () => {
  await withServer(async ({ ws }) => {
    const { code, lines, stderr } = await runLiveHarness(["--url", ws, "--acks"], { seconds: 12, realTime: false });
    assert.equal(code, 0, stderr);
    assert.equal(lines.find((l) => l.type === "media_info").live, undefined, "not a live session");
    assert.equal(lines.find((l) => l.harness === "stream_ended").bytes, lines.filter((l) => l.type === "upload_ack").at(-1).offset,
                 "every byte stored");
    assert.ok(lines.find((l) => l.type === "complete")?.final_video);
    assert.equal(lines.some((l) => l.harness === "live_delay_summary"), false, "no glass-to-glass report for a stream not in real time");
  });
});

test("commentary not ready by its deadline: the chunk goes out on time, and the report counts it", { skip, timeout: 120000 }, async () => {
  await withServer(async ({ ws }) => {
    const { code, lines, stderr } = await runLiveHarness(["--url", ws, "--live"], { seconds: 15 });
    assert.equal(code, 0, stderr);
    const late = new Set(lines.filter((l) => l.type === "warning" && l.code === "commentary_late").map((l) => l.interval));
    assert.ok(late.size > 0, "a deadline of 0.1 s leaves some commentary out");
    const chunks = lines.filter((l) => l.type === "chunk_ready");
    const spoken = new Set(lines.filter((l) => l.type === "commentary_ready").map((l) => l.interval));
    for (const interval of late) assert.ok(!spoken.has(interval), `no line told for late interval ${interval}`);
    const summary = lines.find((l) => l.harness === "live_delay_summary");
    assert.equal(summary.commentary_late_chunks, chunks.filter((c) => late.has(c.interval)).length);
    assert.ok(summary.commentary_late_chunks > 0);
    // Late commentary holds nothing back: every interval's chunk came, end to end, to the stream's end.
    assert.deepEqual(chunks.map((c) => c.interval).sort((a, b) => a - b), chunks.map((_, i) => i));
    assert.ok(Math.abs(chunks.reduce((end, c) => Math.max(end, c.end), 0) - 15) < 0.5, `the chunks reach ${chunks.at(-1)?.end} s`);
  }, { args: ["--live-deadline", "0.1"] });
});

test("a backlog the server has not acknowledged past --max-backlog-mib fails the run with a message saying so", { skip, timeout: 60000 }, async () => {
  await withServer(async ({ ws }) => {
    // No upload step: nothing is sent, so everything read from stdin stays in the backlog.
    const { code, stderr } = await runLiveHarness(["--url", ws, "--live", "--max-backlog-mib", "0.25"], {
      seconds: 20,
      script: [{ start: {} }, { wait: { type: "complete", timeout_s: 30 } }],
    });
    assert.equal(code, 1);
    assert.match(stderr, /step 2 \(wait\): the stream's backlog reached 262144 bytes that the server has not acknowledged .*the recording stopped rather than fill the memory while waiting for complete/);
  });
});
