// The page over an uplink that is slower than loopback, with files that do not start with an
// index: an MP4 whose moov follows its mdat (the page is asked for the index first) and the
// same clip in Matroska (planned as it arrives): both play while they upload. With
// PBP_MEASURE=1, also the measurement of the issue: a 133 s 720p 5 Mbit/s clip as faststart
// MP4, moov-last MP4, MKV and MPEG-TS over 20 Mbit/s with a 40 ms round trip: time to the
// first chunk_ready and the first frame, and the stalls after it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chromiumMissing } from "../test-support/chromium.mjs";
import { ffmpegMissing, generatedClip, remuxedClip } from "../test-support/clip.mjs";
import { markSpan, pageErrors, startSession, until, withPage } from "../test-support/page.mjs";
import { serverMissing } from "../test-support/server.mjs";

const skip = chromiumMissing() ?? serverMissing() ?? ffmpegMissing() ?? false;

/** Plays `file` through a proxy of `link`; the page's marks, and the stalls after the first frame until `complete`. */
async function playOver(file, link, { interval = 10, timeout = 90000 } = {}) {
  return withPage(link, async ({ page, frames, url }) => {
    await startSession(page, url, file, { interval });
    await page.evaluate(`window.stalls = []; document.getElementById("video").addEventListener("waiting", (e) => stalls.push(e.target.currentTime))`);
    await page.until(`performance.getEntriesByName("pbp:first-frame").length > 0`, { timeout, what: "the first frame" });
    const playingBeforeUploadEnd = await page.evaluate(`performance.getEntriesByName("pbp:upload-done").length === 0`);
    await until(() => frames.has("received", "complete"), { timeout: timeout * 2, what: "complete" });
    const result = {
      firstFrame: await markSpan(page, "file-chosen", "first-frame"),
      firstChunk: await markSpan(page, "file-chosen", "first-chunk"),
      uploadDone: await markSpan(page, "file-chosen", "upload-done"),
      stalls: await page.evaluate(`stalls.filter((t) => t > 0.1).length`),
      playingBeforeUploadEnd,
      wants: frames.received.filter((f) => f.type === "upload_want").length,
      timeline: await page.evaluate(`[...document.querySelectorAll("#timeline li")].map((li) => li.className.split(" ")[0])`),
      errors: [...await pageErrors(page), ...frames.exceptions],
    };
    return result;
  });
}

for (const kind of ["moov-last", "mkv"]) {
  test(`${kind}: the page plays the video while it is still uploading`, { skip, timeout: 240000 }, async () => {
    const file = await remuxedClip(await generatedClip({ seconds: 40 }), kind);
    const result = await playOver(file, { rate: 400 * 1024, rttMs: 40 });
    assert.ok(result.playingBeforeUploadEnd, "the first frame played before the upload ended");
    assert.equal(result.wants, kind === "moov-last" ? 2 : 0, "the index first, then the rest, for the moov-last MP4");
    assert.deepEqual(result.timeline, ["done", "done", "done", "done", "done"], "the timeline, laid out once the end was known");
    assert.deepEqual(result.errors, []);
    console.log(`# ${kind}, 40 s clip, 400 KiB/s, 40 ms: ${JSON.stringify(result)}`);
  });
}

test("first frame over 20 Mbit/s and 40 ms: 133 s 720p 5 Mbit/s in four containers",
     { skip: skip || (!process.env.PBP_MEASURE && "set PBP_MEASURE=1 (generates a 133 s 720p clip)"), timeout: 1800000 }, async () => {
  const base = await generatedClip({ seconds: 133, size: "1280x720", rate: 25, gop: 2, mbps: 5 });
  const rows = [];
  for (const kind of ["faststart", "moov-last", "mkv", "ts"]) {
    const result = await playOver(await remuxedClip(base, kind), { rate: (20e6 / 8), rttMs: 40 }, { interval: 30, timeout: 240000 });
    assert.ok(result.firstFrame > 0 && result.firstFrame >= result.firstChunk);
    assert.deepEqual(result.errors, []);
    rows.push({ kind, ...result, timeline: undefined });
    console.log(`# ${kind}: first chunk ${result.firstChunk} ms, first frame ${result.firstFrame} ms, upload ${result.uploadDone} ms, stalls ${result.stalls}`);
  }
  console.log(`# ${JSON.stringify(rows)}`);
});
