// Where Media Source Extensions are missing, the page plays the session's HLS playlist with
// <video src>; where native HLS is missing too, it says so and plays the final video once it
// is complete. Chromium has MSE, so it is removed before the page's scripts run.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chromiumMissing } from "../test-support/chromium.mjs";
import { ffmpegMissing, generatedClip } from "../test-support/clip.mjs";
import { pageErrors, startSession, until, withPage } from "../test-support/page.mjs";
import { serverMissing } from "../test-support/server.mjs";

const skip = chromiumMissing() ?? serverMissing() ?? ffmpegMissing() ?? false;
const UPLINK = 400 * 1024; // bytes/s: the clip uploads in about 10 s, so chunks arrive while it plays
const NO_MSE = "delete window.MediaSource; delete window.ManagedMediaSource;";
const NO_HLS = `const canPlayType = HTMLMediaElement.prototype.canPlayType;
  HTMLMediaElement.prototype.canPlayType = function (type) { return /mpegurl/i.test(type) ? "" : canPlayType.call(this, type); };`;
const video = (property) => `document.getElementById("video").${property}`;

/** Starts a session on a page whose window lacks what `removed` takes away before the page's scripts run. */
async function startWithout(page, url, removed, options) {
  await page.send("Page.addScriptToEvaluateOnNewDocument", { source: removed });
  await startSession(page, url, await generatedClip({ seconds: 40 }), options);
  assert.equal(await page.evaluate(`"MediaSource" in window`), false, "MediaSource is gone");
}

test("without Media Source Extensions the page plays the HLS playlist natively", { skip, timeout: 120000 }, async (t) => {
  await withPage({ rate: UPLINK }, async ({ page, frames, url }) => {
    await startWithout(page, url, NO_MSE);
    if (!(await page.evaluate(video(`canPlayType("application/vnd.apple.mpegurl")`)))) {
      return t.skip("this Chromium has no native HLS playback (the next test covers that case)");
    }
    const src = await page.until(`${video("src")}.endsWith("/playlist.m3u8") && ${video("src")}`, { timeout: 60000, what: "the playlist as src" });
    assert.equal(src, new URL(frames.has("received", "media_info").playlist, url).href);
    assert.ok(frames.has("received", "chunk_ready", (c) => c.index === 0), "the playlist is loaded once its first chunk is ready");
    // Playing a growing (EVENT) playlist is up to the browser: Chromium's needs three segments.
    // If it cannot, the page says it will play once complete, and then loads the ended playlist.
    await until(() => frames.has("received", "complete"), { timeout: 90000, what: "complete" });
    const stalled = await page.evaluate(`[...document.querySelectorAll(".messages")].some((b) => b.textContent.includes("cannot play the video while it is being made"))`);
    console.log(`# native HLS ${stalled ? "played once the session was complete" : "played while the video was made"}`);
    await page.evaluate(`window.t0 = ${video("currentTime")}`);
    await page.until(`${video("currentSrc")}.endsWith("/playlist.m3u8") && !${video("error")} && ${video("currentTime")} > t0 + 0.5`,
                     { timeout: 30000, what: "the playlist playing after complete" });
    assert.deepEqual(await pageErrors(page), []);
  });
});

test("without MSE or native HLS the page says so, then plays the final video", { skip, timeout: 120000 }, async () => {
  await withPage({ rate: UPLINK }, async ({ page, frames, url }) => {
    await startWithout(page, url, NO_MSE + NO_HLS);
    const errors = await page.until(`(() => { const errors = [...document.querySelectorAll(".messages p.error")].map((p) => p.textContent);
      return errors.length && errors; })()`, { timeout: 60000, what: "a message" });
    assert.equal(errors.length, 1);
    assert.match(errors[0], /neither Media Source Extensions nor native HLS/);
    assert.match(errors[0], /download/);
    assert.equal(await page.evaluate(video(`getAttribute("src")`)), null, "no playlist the browser cannot play");
    const complete = await until(() => frames.has("received", "complete"), { timeout: 90000, what: "complete" });
    await page.until(`!document.getElementById("download").hidden`, { what: "the download link" });
    assert.equal(await page.evaluate(`document.getElementById("download").getAttribute("href")`), complete.final_video);
    assert.equal(await page.evaluate(video("src")), new URL(complete.final_video, url).href, "the final video is in the player");
    await page.until(`${video("currentTime")} > 0.5`, { timeout: 30000, what: "the final video playing" });
  });
});
