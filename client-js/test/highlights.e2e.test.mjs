// `highlights` output in headless Chromium: one chunk per salient moment, from anywhere
// on the source timeline, played one after another (MSE "sequence" mode) while they are made.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chromiumMissing } from "../test-support/chromium.mjs";
import { ffmpegMissing, generatedClip } from "../test-support/clip.mjs";
import { pageErrors, startSession, until, withPage } from "../test-support/page.mjs";
import { serverMissing } from "../test-support/server.mjs";

const skip = chromiumMissing() ?? serverMissing() ?? ffmpegMissing() ?? false;
const UPLINK = 400 * 1024; // bytes/s: the clip uploads in about 10 s, so chunks arrive while it plays

const BUFFERED = `(() => { const v = document.getElementById("video");
  return [...Array(v.buffered.length).keys()].map((i) => [v.buffered.start(i), v.buffered.end(i)]); })()`;

test("highlights play one after another as they arrive, without captions or a timeline", { skip, timeout: 180000 }, async () => {
  const clip = await generatedClip({ seconds: 40, crowd: true });
  await withPage({ rate: UPLINK }, async ({ page, frames, url }) => {
    await startSession(page, url, clip, { output: "highlights" });
    const chunks = () => frames.received.filter((f) => f.type === "chunk_ready");

    await page.until(`document.getElementById("video").currentTime > 0.5`, { timeout: 60000, what: "playback" });
    assert.equal(frames.has("received", "complete"), undefined, "playback starts before the session completes");

    // While chunks arrive, whatever is buffered is one range from 0: each chunk follows the last.
    const samples = [];
    while (!frames.has("received", "complete") || !(await page.evaluate(`document.getElementById("video").ended`))) {
      samples.push({ chunks: chunks().length, ranges: await page.evaluate(BUFFERED) });
      if (samples.length > 1500) assert.fail(`the highlights did not play to their end: ${JSON.stringify(samples.slice(-3))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const delivered = chunks();
    assert.ok(delivered.length >= 2, `the clip has at least two highlights (got ${delivered.length})`);
    assert.deepEqual(delivered.map((c) => c.index), delivered.map((_, i) => i), "chunks come in index order");
    assert.ok(delivered.some((c, i) => i > 0 && c.start > delivered[i - 1].end + 0.01), "some highlights are apart in source time");
    for (const { ranges } of samples) {
      assert.ok(ranges.length <= 1 && (ranges.length === 0 || ranges[0][0] < 0.1), `buffered as one range from 0: ${JSON.stringify(ranges)}`);
    }
    const grew = new Set(samples.filter((s) => s.ranges.length).map((s) => s.ranges[0][1].toFixed(1)));
    assert.ok(grew.size >= 2, "the buffered range grows as chunks arrive");

    // Played through: the video's length is the sum of the highlights' lengths.
    const total = delivered.reduce((sum, c) => sum + c.duration, 0);
    const { duration, currentTime, ranges } = await page.evaluate(`(() => { const v = document.getElementById("video");
      return { duration: v.duration, currentTime: v.currentTime, ranges: ${BUFFERED} }; })()`);
    console.log(`# ${delivered.length} highlights of ${total} s in all; the video: ${duration} s, played to ${currentTime} s`);
    assert.ok(Math.abs(duration - total) <= 0.2, `duration ${duration} s vs the chunks' ${total} s`);
    assert.ok(Math.abs(currentTime - total) <= 0.2, `played to ${currentTime} s of ${total} s`);
    assert.equal(ranges.length, 1, `one buffered range at the end: ${JSON.stringify(ranges)}`);

    // No captions (their times are source times) and no interval timeline (it would seek by source time).
    assert.ok(frames.has("received", "commentary_ready"), "commentary was written");
    assert.equal(await page.evaluate(`[...document.getElementById("video").textTracks].filter((t) => t.mode === "showing" && t.cues?.length).length`), 0,
                 "no caption cues are shown");
    assert.equal(await page.evaluate(`document.querySelectorAll("#timeline li").length`), 0, "no interval timeline");

    // A commentary line chosen in the list plays where its highlight is in the video, not at its source time.
    const lines = frames.received.filter((f) => f.type === "commentary_ready");
    // Highlights are moments: not every one holds a line. Take the first after the first that does.
    const within = (l, c) => l.start >= c.start && l.start < c.end;
    const h = delivered.findIndex((c, i) => i > 0 && lines.some((l) => within(l, c)));
    assert.ok(h > 0, "a line in a highlight after the first");
    const k = lines.findIndex((l) => within(l, delivered[h]));
    await page.evaluate(`document.querySelectorAll("#lines li button")[${k}].click()`);
    const before = delivered.slice(0, h).reduce((sum, c) => sum + c.duration, 0);
    const expected = before + lines[k].start - delivered[h].start;
    const at = await page.evaluate(`document.getElementById("video").currentTime`);
    assert.ok(Math.abs(at - expected) <= 0.2, `the line at source ${lines[k].start} s plays at ${at} s of the video, not ${expected} s`);
    await page.until(`!document.getElementById("download").hidden`, { what: "the download link" });
    assert.deepEqual(await pageErrors(page), []);
  });
});
