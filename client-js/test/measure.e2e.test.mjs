// Time from choosing the file to the first frame playing, read from the page's performance
// marks, over loopback with no rate limit; also the upload's end and the stalls (`waiting`)
// after the first frame. The shared clip runs when ../shared/media is there;
// the 10-minute 720p clip (slow to generate) only with PBP_MEASURE=1.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { chromiumMissing, withChromium } from "../test-support/chromium.mjs";
import { ffmpegMissing, generatedClip, sharedMedia } from "../test-support/clip.mjs";
import { markSpan, recordFrames, startSession, until } from "../test-support/page.mjs";
import { serverMissing, withServer } from "../test-support/server.mjs";

const skip = chromiumMissing() ?? serverMissing() ?? ffmpegMissing() ?? false;
const sharedClip = join(sharedMedia, "soccer_seriea_33s.mp4");

async function measure(file, { interval = 30, timeout = 120000 } = {}) {
  return withServer(({ http }) => withChromium(async (page) => {
    const frames = recordFrames(page);
    await startSession(page, `${http}/`, file, { interval });
    await page.evaluate(`window.stalls = []; document.getElementById("video").addEventListener("waiting", (e) => stalls.push(e.target.currentTime))`);
    await page.until(`performance.getEntriesByName("pbp:first-frame").length > 0`, { timeout, what: "the first frame" });
    await page.until(`document.getElementById("video").currentTime > 1`, { timeout: 20000, what: "playback going on" });
    const spans = {
      firstFrame: await markSpan(page, "file-chosen", "first-frame"),
      firstChunk: await markSpan(page, "file-chosen", "first-chunk"),
    };
    await until(() => frames.has("received", "complete"), { timeout, what: "complete" });
    spans.complete = frames.has("received", "complete").stats;
    spans.uploadDone = await markSpan(page, "file-chosen", "upload-done");
    spans.stallsAfterFirstFrame = await page.evaluate(`stalls.filter((t) => t > 0.1).length`);
    return spans;
  }));
}

test("first frame of the shared clip soccer_seriea_33s", { skip: skip || (!existsSync(sharedClip) && "no ../shared/media"), timeout: 120000 }, async () => {
  const spans = await measure(sharedClip);
  assert.ok(spans.firstFrame > 0 && spans.firstFrame >= spans.firstChunk);
  console.log(`# soccer_seriea_33s: ${JSON.stringify(spans)}`);
});

test("first frame of a generated 10-minute 720p25 clip", { skip: skip || (!process.env.PBP_MEASURE && "set PBP_MEASURE=1 (generates a 10 min clip)"), timeout: 600000 }, async () => {
  const clip = await generatedClip({ seconds: 600, size: "1280x720", rate: 25, gop: 2 });
  const spans = await measure(clip, { timeout: 480000 });
  assert.ok(spans.firstFrame > 0 && spans.firstFrame >= spans.firstChunk);
  console.log(`# 10 min 720p25: ${JSON.stringify(spans)}`);
});
