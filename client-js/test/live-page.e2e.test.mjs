// Going live from the page in headless Chromium with its fake camera (a moving test picture
// and a beep): the page records it with MediaRecorder, sends it as it grows, plays its own
// commentated stream behind the live edge, goes back in time and returns to live, and Stop
// finishes the session. A browser whose recorder has no H.264 is told plainly why it cannot.
import assert from "node:assert/strict";
import { test } from "node:test";
import { FAKE_CAMERA, chromiumMissing } from "../test-support/chromium.mjs";
import { ffmpegMissing } from "../test-support/clip.mjs";
import { probeDuration } from "../test-support/live-stream.mjs";
import { clickAlong, pageErrors, screenshot, until, withPage } from "../test-support/page.mjs";
import { serverMissing } from "../test-support/server.mjs";

const skip = chromiumMissing() ?? serverMissing() ?? ffmpegMissing() ?? false;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const video = (expression) => `document.getElementById("video").${expression}`;
const liveBadge = `(() => { const b = document.getElementById("live"); return { hidden: b.hidden, text: b.textContent, following: b.classList.contains("following") }; })()`;

test("live from the camera: the page plays its own commentated stream while it records, goes back and returns to live, Stop finishes it",
     { skip, timeout: 150000 }, async () => {
  await withPage({ chromium: FAKE_CAMERA }, async ({ page, frames, url, proxy }) => {
    await page.navigate(url);
    await page.evaluate(`document.getElementById("live-camera").click()`);
    const hello = await until(() => frames.has("sent", "hello"), { what: "hello" });
    assert.equal(hello.upload.size, null, "a recording of unknown size");
    assert.equal(hello.options.live, true);
    assert.equal(hello.upload.seekable, undefined, "a recording cannot seek");
    console.log(`# the page records ${hello.upload.name}`);
    const info = await until(() => frames.has("received", "media_info"), { timeout: 20000, what: "media_info" });
    assert.equal(info.live, true);
    assert.ok(await page.evaluate(`!document.getElementById("preview").hidden`), "the camera's own picture is shown");
    await until(() => frames.received.filter((f) => f.type === "chunk_ready").length >= 2, { timeout: 40000, what: "two chunks" });
    await page.until(video("currentTime > 1"), { timeout: 20000, what: "the commentated stream playing" });
    await page.evaluate(`window.stalls = []; document.getElementById("video").addEventListener("waiting", (e) => stalls.push(e.target.currentTime))`);
    const t1 = await page.evaluate(video("currentTime"));
    await sleep(2000);
    const t2 = await page.evaluate(video("currentTime"));
    assert.ok(t2 - t1 > 1.2, `the video plays on while live: ${t1} → ${t2}`);
    assert.ok(await page.evaluate(`!document.getElementById("stop-live").hidden`), "still recording");
    assert.equal(frames.has("received", "complete"), undefined);
    // Glass to glass as the viewer sees it: now − (when recording began + the time on screen), while following the edge.
    const glass = [];
    for (let i = 0; i < 8; i += 1) {
      glass.push(await page.evaluate(`(performance.now() - performance.getEntriesByName("pbp:recording")[0].startTime) / 1000 - ${video("currentTime")}`));
      await sleep(250);
    }
    console.log(`# glass to glass on the page while live: ${Math.min(...glass).toFixed(2)}-${Math.max(...glass).toFixed(2)} s`);
    const badge = await page.evaluate(liveBadge);
    assert.ok(!badge.hidden && badge.following, `the badge says live: ${JSON.stringify(badge)}`);
    const behind = Number(/([\d.]+) s behind/.exec(badge.text)?.[1]);
    assert.ok(behind > 0.5 && behind < info.delay_s + 3, `${behind} s behind the live edge (delay_s ${info.delay_s})`);
    console.log(`# live: ${badge.text} (delay_s ${info.delay_s}); screenshot: ${await screenshot(page, "live.png")}`);
    await page.send("Emulation.setDeviceMetricsOverride", { width: 360, height: 740, deviceScaleFactor: 1, mobile: true });
    assert.ok(await page.evaluate(`document.documentElement.scrollWidth`) <= 360, "nothing overflows 360 px while live");
    console.log(`# screenshot: ${await screenshot(page, "live-360.png")}`);
    await page.send("Emulation.clearDeviceMetricsOverride");

    // Back in time: a click near the start of the bar; the badge offers to go back to live.
    await sleep(4000);
    await clickAlong(page, "#scrub", 0.05);
    await page.until(`document.getElementById("live").textContent.startsWith("Go to live")`, { what: "Go to live offered" });
    const back = await page.evaluate(video("currentTime"));
    const edgeThen = frames.received.filter((f) => f.type === "chunk_ready").at(-1).end;
    assert.ok(back < edgeThen - 5, `went back to ${back} s (edge ${edgeThen} s)`);
    await sleep(1500);
    assert.ok(await page.evaluate(video("currentTime")) < edgeThen - 3, "it stays back there");
    await page.evaluate(`document.getElementById("live").click()`);
    await page.until(`(() => { const b = document.getElementById("live"); const m = /([\\d.]+) s behind/.exec(b.textContent);
      return b.classList.contains("following") && m && Number(m[1]) < ${info.delay_s + 2}; })()`, { timeout: 10000, what: "back at live" });

    // A lost connection while live: the recording is kept and sent on, the player carries on at the edge.
    proxy.cut();
    await until(() => frames.received.filter((f) => f.type === "welcome").length >= 2, { timeout: 20000, what: "the resume" });
    await sleep(4000);
    const after = await page.evaluate(liveBadge);
    const behindAfter = Number(/([\d.]+) s behind/.exec(after.text)?.[1]);
    assert.ok(after.following && behindAfter < info.delay_s + 2, `back at the live edge after the resume: ${after.text}`);
    const stalls = await page.evaluate("stalls.length");
    await page.evaluate(`document.getElementById("stop-live").click()`);
    await until(() => frames.has("sent", "upload_end"), { timeout: 15000, what: "upload_end" });
    const complete = await until(() => frames.has("received", "complete"), { timeout: 60000, what: "complete" });
    assert.ok(complete.final_video, "a final video of the whole recording");
    await page.until(`!document.getElementById("download").hidden`, { what: "the download link" });
    assert.ok(await page.evaluate(`document.getElementById("live").hidden && document.getElementById("preview").hidden`),
              "no longer live, the camera released");
    const recorded = (frames.has("sent", "upload_end").at - frames.has("sent", "hello").at) / 1000;
    const duration = await probeDuration(`${url.replace(/\/$/, "")}${complete.final_video}`);
    assert.ok(duration > recorded - 3 && duration < recorded + 1, `the final video is ${duration} s of about ${recorded} s recorded`);
    const gaps = frames.received.filter((f) => f.type === "warning" && f.code === "ingest_gap");
    console.log(`# recorded ${recorded.toFixed(1)} s, final video ${duration.toFixed(2)} s, ingest gaps ${JSON.stringify(gaps.map((g) => g.gap_s))}, `
      + `stalls while live ${stalls} (a back-in-time seek, Go to live and a cut included)`);
    assert.deepEqual(await pageErrors(page), []);
    assert.deepEqual(frames.exceptions, []);
  });
});

test("live from a screen or tab: the share is recorded and commented on until Stop", { skip, timeout: 120000 }, async () => {
  await withPage({ chromium: FAKE_CAMERA }, async ({ page, frames, url }) => {
    await page.navigate(url);
    // A real click: a page may ask to share the screen only in answer to one (its fake picker picks a screen).
    await clickAlong(page, "#live-screen", 0.5);
    const hello = await until(() => frames.has("sent", "hello"), { what: "hello" });
    assert.match(hello.upload.name, /^screen\./);
    await until(() => frames.received.filter((f) => f.type === "chunk_ready").length >= 2, { timeout: 40000, what: "two chunks" });
    await page.until(video("currentTime > 1"), { timeout: 20000, what: "the commentated share playing" });
    await page.evaluate(`document.getElementById("stop-live").click()`);
    const complete = await until(() => frames.has("received", "complete"), { timeout: 60000, what: "complete" });
    assert.ok(complete.final_video);
    const info = frames.received.filter((f) => f.type === "media_info").at(-1);
    assert.ok(info.width > 0 && info.duration > 3, `the share's picture: ${info.width}x${info.height}, ${info.duration} s`);
    assert.deepEqual(await pageErrors(page), []);
    assert.deepEqual(frames.exceptions, []);
  });
});

test("a reload while live: the viewer comes back at the live edge and the session finishes with what was recorded", { skip, timeout: 120000 }, async () => {
  await withPage({ chromium: FAKE_CAMERA }, async ({ page, frames, url }) => {
    await page.navigate(url);
    await page.evaluate(`document.getElementById("live-camera").click()`);
    await until(() => frames.received.filter((f) => f.type === "chunk_ready").length >= 3, { timeout: 40000, what: "three chunks" });
    const session = frames.has("received", "welcome").session;
    await page.navigate();
    const resumed = await until(() => frames.has("sent", "hello", (h) => h.mode === "resume"), { timeout: 10000, what: "a resume" });
    assert.equal(resumed.session, session);
    await until(() => frames.sent.filter((f) => f.type === "upload_end").length === 1, { timeout: 10000, what: "upload_end after the reload" });
    await page.until(`[...document.querySelectorAll(".messages p")].some((p) => p.textContent.includes("stopped when the page was reloaded"))`,
                     { what: "the page saying why the recording ended" });
    const complete = await until(() => frames.has("received", "complete"), { timeout: 60000, what: "complete" });
    assert.ok(complete.final_video);
    assert.ok(await page.evaluate(video("currentTime")) > 0, "the player picked up the stream again");
    assert.deepEqual(await pageErrors(page), []);
    assert.deepEqual(frames.exceptions, []);
  });
});

test("a recorder without H.264 still sends its recording, and the server's unsupported_media is shown plainly", { skip, timeout: 60000 }, async () => {
  await withPage({ chromium: FAKE_CAMERA }, async ({ page, frames, url }) => {
    // As in a browser that records only VP8/VP9 (Firefox).
    await page.send("Page.addScriptToEvaluateOnNewDocument", { source: `{
      const supported = MediaRecorder.isTypeSupported.bind(MediaRecorder);
      MediaRecorder.isTypeSupported = (type) => !/h264|avc1|mp4/i.test(type) && supported(type);
    }` });
    await page.navigate(url);
    await page.evaluate(`document.getElementById("live-camera").click()`);
    const error = await until(() => frames.has("received", "error"), { timeout: 30000, what: "an error" });
    assert.equal(error.code, "unsupported_media");
    assert.equal(error.fatal, true);
    const shown = await page.until(`[...document.querySelectorAll(".messages p.error")].map((p) => p.textContent).join(" | ")`,
                                   { what: "the message" });
    assert.match(shown, /This browser records video\/webm;codecs=vp9,opus, which the server cannot take/);
    assert.match(shown, /The server takes H\.264 video/);
    console.log(`# shown: ${shown}`);
    await page.until(`document.getElementById("preview").hidden && document.getElementById("stop-live").hidden`,
                     { what: "the camera released" });
    assert.deepEqual(frames.exceptions, []);
  });
});
