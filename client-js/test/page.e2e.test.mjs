// The page in headless Chromium against a real server, through a proxy that stands for the
// viewer's network (a slow uplink, so the video plays while it is still uploading).
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { chromiumMissing } from "../test-support/chromium.mjs";
import { ffmpegMissing, generatedClip } from "../test-support/clip.mjs";
import { clickAlong, markSpan, pageErrors, screenshot, startSession, until, withPage } from "../test-support/page.mjs";
import { serverMissing } from "../test-support/server.mjs";

const skip = chromiumMissing() ?? serverMissing() ?? ffmpegMissing() ?? false;
const UPLINK = 400 * 1024; // bytes/s: a 40 s clip takes about 10 s to upload

test("the commentated video plays past 2 s before the session completes", { skip, timeout: 90000 }, async () => {
  const clip = await generatedClip({ seconds: 40 });
  await withPage({ rate: UPLINK }, async ({ page, frames, url }) => {
    await startSession(page, url, clip);
    await page.until(`document.getElementById("video").currentTime > 2`, { timeout: 40000, what: "currentTime > 2 s" });
    assert.equal(frames.has("received", "complete"), undefined, "complete arrived before the video had played 2 s");
    assert.equal(await page.evaluate(`getComputedStyle(document.getElementById("download")).display`), "none",
                 "no download link before there is a video to download");
    // A picture before the first chunk: the first keyframe, announced with `poster`.
    const poster = frames.has("received", "poster");
    assert.ok(poster, "a poster event");
    const firstChunk = frames.has("received", "chunk_ready");
    assert.ok(poster.at <= firstChunk.at, "the poster comes before the first chunk");
    assert.ok((await page.evaluate(`document.getElementById("video").poster`)).endsWith(poster.url));
    const image = await page.evaluate(`fetch(document.getElementById("video").poster).then(async (r) => [r.status, r.headers.get("content-type"), (await r.arrayBuffer()).byteLength])`);
    assert.equal(image[0], 200);
    assert.equal(image[1], "image/jpeg");
    assert.ok(image[2] > 1000, `a poster of ${image[2]} bytes`);
    // The ready parts are drawn on the player's own bar, under the picture.
    assert.ok(await page.evaluate(`document.querySelector(".stage .bar #scrub #timeline li.done") !== null`), "ready parts on the player's bar");
    assert.equal(await page.evaluate(`document.getElementById("video").controls`), false, "the player's own controls, not the browser's");
    const firstFrame = await markSpan(page, "file-chosen", "first-frame");
    assert.ok(firstFrame > 0, "the page marks its first frame");
    console.log(`# file chosen → first frame: ${firstFrame} ms (generated 40 s clip, ${UPLINK / 1024} KiB/s uplink)`);
    await until(() => frames.has("received", "complete"), { timeout: 40000, what: "complete" });
    await page.until(`!document.getElementById("download").hidden`, { what: "the download link" });
    const states = await page.evaluate(`[...document.querySelectorAll("#timeline li")].map((li) => li.className.split(" ")[0])`);
    assert.deepEqual(new Set(states), new Set(["done"]), "every interval is done");
    const buffered = await page.evaluate(`[...Array(video.buffered.length).keys()].map((i) => [video.buffered.start(i), video.buffered.end(i)])`);
    assert.equal(buffered.length, 1, `the chunks join without a hole: ${JSON.stringify(buffered)}`);
    assert.ok(await page.evaluate(`document.querySelectorAll("#lines li").length`) > 0, "commentary lines are listed");
    for (const list of ["events", "lines"]) {
      const times = await page.evaluate(`[...document.querySelectorAll("#${list} li")].map((li) => Number(li.dataset.t))`);
      assert.deepEqual(times, [...times].sort((a, b) => a - b), `${list} in time order`);
    }
    // One bar, not a row of buttons: the timeline is one line high however many intervals.
    assert.ok(await page.evaluate(`document.getElementById("timeline").getBoundingClientRect().height`) < 40);
    assert.deepEqual(await pageErrors(page), []);
    assert.deepEqual(frames.exceptions, []);
    await page.evaluate(`document.getElementById("video").pause(); document.getElementById("video").currentTime = 3; document.getElementById("scrub").focus()`);
    // The bar is a slider for the keyboard: an arrow moves 5 s and says where, and whether that part is ready.
    await page.send("Input.dispatchKeyEvent", { type: "keyDown", key: "ArrowRight", code: "ArrowRight", windowsVirtualKeyCode: 39 });
    await page.until(`Math.abs(document.getElementById("video").currentTime - 8) < 0.5`, { what: "the arrow key seeking 5 s on" });
    assert.match(await page.evaluate(`document.getElementById("scrub").getAttribute("aria-valuetext")`), /^0:08 of 0:40, ready$/);
    console.log(`# screenshot: ${await screenshot(page, "page.png")}`);
    await page.send("Emulation.setDeviceMetricsOverride", { width: 360, height: 740, deviceScaleFactor: 1, mobile: true });
    assert.ok(await page.evaluate(`document.documentElement.scrollWidth`) <= 360, "nothing overflows 360 px");
    console.log(`# screenshot: ${await screenshot(page, "page-360.png")}`);
  });
});

test("seeking into an unfinished interval reprioritises it and plays its chunk", { skip, timeout: 90000 }, async () => {
  const clip = await generatedClip({ seconds: 40 });
  await withPage({ rate: UPLINK }, async ({ page, frames, url }) => {
    await startSession(page, url, clip);
    await page.until(`document.getElementById("video").currentTime > 0.5`, { timeout: 40000, what: "playback" });
    assert.equal(frames.has("received", "chunk_ready", (c) => c.start <= 31 && 31 < c.end), undefined, "the target is not done yet");
    await page.evaluate(`document.getElementById("video").currentTime = 31`);
    const sent = await until(() => frames.has("sent", "command", (c) => c.name === "reprioritise_interval"),
                             { timeout: 5000, what: "reprioritise_interval" });
    assert.equal(sent.args.at, 31);
    const result = await until(() => frames.has("received", "command_result", (c) => c.id === sent.id), { what: "its result" });
    assert.equal(result.ok, true);
    assert.equal(result.result.interval, 6);
    if (result.result.state !== "done") {
      assert.match(await page.evaluate(`document.querySelectorAll("#timeline li")[6].className`), /in-progress/);
    }
    await page.until(`document.getElementById("video").currentTime > 32`, { timeout: 40000, what: "its chunk playing" });
    const chunk = frames.has("received", "chunk_ready", (c) => c.start <= 31 && 31 < c.end);
    assert.ok(chunk, "its chunk arrived");
    assert.deepEqual(await pageErrors(page), []);
  });
});

test("a connection cut mid-upload is resumed and the session finishes", { skip, timeout: 90000 }, async () => {
  const clip = await generatedClip({ seconds: 40 });
  await withPage({ rate: UPLINK * 4 }, async ({ page, frames, proxy, url }) => {
    proxy.cutAt = 1024 * 1024;
    await startSession(page, url, clip);
    await until(() => proxy.cuts === 1, { what: "the cut" });
    const resumed = await until(() => frames.has("sent", "hello", (h) => h.mode === "resume"), { timeout: 10000, what: "a resume" });
    const welcomes = frames.received.filter((f) => f.type === "welcome");
    await until(() => welcomes.length >= 2 || frames.received.filter((f) => f.type === "welcome").length >= 2, { what: "a second welcome" });
    const second = frames.received.filter((f) => f.type === "welcome")[1];
    assert.ok(second.upload.offset > 0 && second.upload.offset < proxy.sent, `the upload continues from ${second.upload.offset}`);
    assert.equal(resumed.session, second.session);
    await until(() => frames.has("received", "complete"), { timeout: 60000, what: "complete" });
    const seqs = frames.received.filter((f) => Number.isInteger(f.seq)).map((f) => f.seq);
    assert.ok(seqs.length > 0);
    await page.until(`document.getElementById("upload-text").textContent.startsWith("100 %")`, { what: "the upload at 100 %" });
    assert.deepEqual(await pageErrors(page), []);
  });
});

test("after a reload the page resumes, asks for the same file and finishes the upload", { skip, timeout: 90000 }, async () => {
  const clip = await generatedClip({ seconds: 40 });
  await withPage({ rate: UPLINK }, async ({ page, frames, url }) => {
    await startSession(page, url, clip);
    await until(() => frames.has("received", "upload_ack", (a) => a.offset >= 1024 * 1024), { what: "1 MiB acknowledged" });
    const session = frames.has("received", "welcome").session;
    await page.until(`document.getElementById("video").currentTime > 2`, { timeout: 40000, what: "playback past 2 s" });
    await new Promise((done) => setTimeout(done, 1200)); // the position is kept once a second
    const position = await page.evaluate(`document.getElementById("video").currentTime`);
    await page.navigate();
    // The video comes back where the viewer was, not at 0:00.
    await page.until(`document.getElementById("video").currentTime >= ${position - 1.5}`, { timeout: 20000, what: "the position kept" });
    await page.until(`!document.getElementById("need-file").hidden`, { what: "the request for the same file" });
    const resumed = frames.has("sent", "hello", (h) => h.mode === "resume");
    assert.equal(resumed.session, session);
    assert.ok(resumed.last_seq > 0, "the stored events are not asked for again");
    await page.setFile("#same-file", clip);
    await until(() => frames.has("received", "complete"), { timeout: 60000, what: "complete" });
    await page.until(`!document.getElementById("download").hidden`, { what: "the download link" });
    assert.ok(await page.evaluate(`document.querySelectorAll("#timeline li.done").length`) > 0, "the timeline was rebuilt");
    assert.deepEqual(await pageErrors(page), []);
  });
});

test("an option the server refuses is explained and the form comes back", { skip, timeout: 60000 }, async () => {
  const clip = await generatedClip({ seconds: 24 });
  await withPage({}, async ({ page, url }) => {
    await page.navigate(url);
    // A fresh browser knows the server's voices and languages before any session (GET /v1/options).
    await page.until(`document.querySelectorAll("#voice option[value='en-us']").length === 1`, { what: "the server's voices" });
    assert.deepEqual(await page.evaluate(`[...document.querySelectorAll("#language option")].map((o) => o.value)`), ["", "en", "es"]);
    await page.setFile("#file", clip);
    await page.evaluate(`language.add(new Option("xx", "xx", true, true)); document.getElementById("start").click()`);
    await page.until(`!document.getElementById("setup").hidden`, { what: "the form again" });
    const errors = await pageErrors(page);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /did not start.*language/);
  });
});

test("the voice changes mid-run and cancel stops the session", { skip, timeout: 90000 }, async () => {
  const clip = await generatedClip({ seconds: 40 });
  await withPage({ rate: UPLINK }, async ({ page, frames, url }) => {
    await startSession(page, url, clip);
    await until(() => frames.has("received", "chunk_ready"), { timeout: 40000, what: "the first chunk" });
    await page.evaluate(`document.getElementById("change-voice").value = "en-gb"; document.getElementById("apply-voice").click()`);
    const change = await until(() => frames.has("sent", "command", (c) => c.name === "change_voice"), { what: "change_voice" });
    assert.deepEqual(change.args, { voice: "en-gb" });
    const changed = await until(() => frames.has("received", "command_result", (c) => c.id === change.id), { what: "its result" });
    assert.equal(changed.ok, true);
    await page.until(`document.getElementById("control-messages").textContent.includes("The voice is en-gb from interval")`, { what: "the voice message" });
    await page.evaluate(`document.getElementById("cancel").click()`);
    const cancelled = await until(() => frames.has("received", "cancelled"), { what: "cancelled" });
    await page.until(`document.getElementById("session-messages").textContent.includes("Cancelled. ${cancelled.chunks} parts")`, { what: "the cancel message" });
    assert.equal(frames.has("received", "complete"), undefined);
    assert.ok(await page.evaluate(`document.getElementById("cancel").disabled`));
    const inProgress = `document.querySelectorAll("#timeline li.in-progress, #timeline li.pending").length`;
    await page.until(`${inProgress} === 0`, { what: "no interval left in progress after cancel" });
    assert.match(await page.evaluate(`document.getElementById("work-text").textContent`), /cancelled/);
    // What was made can be downloaded as one video.
    assert.ok(cancelled.chunks > 0, "chunks were made before the cancel");
    assert.ok(cancelled.partial_video?.endsWith("/partial.mp4"), `partial_video: ${cancelled.partial_video}`);
    await page.until(`!document.getElementById("download").hidden`, { what: "the download of what was made" });
    assert.match(await page.evaluate(`document.getElementById("download").textContent`), /Download what was made \(\d+ parts\)/);
    const partial = await page.evaluate(`fetch(document.getElementById("download").href).then(async (r) => [r.status, r.headers.get("content-type"), (await r.arrayBuffer()).byteLength])`);
    assert.deepEqual(partial.slice(0, 2), [200, "video/mp4"]);
    assert.ok(partial[2] > 10000, `a partial video of ${partial[2]} bytes`);
    console.log(`# screenshot: ${await screenshot(page, "page-cancelled.png")}`);
    // After a reload the same: nothing in progress, and the voice menu shows the voice applied.
    await page.navigate();
    await page.until(`document.querySelectorAll("#timeline li.stopped").length > 0`, { what: "the timeline rebuilt" });
    assert.equal(await page.evaluate(inProgress), 0);
    await page.until(`document.getElementById("change-voice").value === "en-gb"`, { what: "the voice kept across the reload" });
    assert.deepEqual(await pageErrors(page), []);
  });
});

test("on a short clip with 30 s intervals, a click on the bar past what is made reprioritises it", { skip, timeout: 120000 }, async () => {
  const clip = await generatedClip({ seconds: 57 });
  await withPage({ rate: UPLINK }, async ({ page, frames, url }) => {
    await startSession(page, url, clip, { interval: 30 });
    await until(() => frames.has("received", "chunk_ready"), { timeout: 40000, what: "the first chunk" });
    // Intervals 0-3 start at 0, 4, 12 and 28 s; 43.7 s is in interval 3, not made yet.
    assert.equal(frames.has("received", "chunk_ready", (c) => c.start <= 43.7 && 43.7 < c.end), undefined, "43.7 s is not made yet");
    await clickAlong(page, "#scrub", 43.7 / 57);
    const sent = await until(() => frames.has("sent", "command", (c) => c.name === "reprioritise_interval"),
                             { timeout: 5000, what: "reprioritise_interval within 5 s of the click" });
    assert.ok(Math.abs(sent.args.at - 43.7) < 1, `asked for ${sent.args.at} s`);
    const result = await until(() => frames.has("received", "command_result", (c) => c.id === sent.id), { what: "its result" });
    assert.equal(result.ok, true);
    assert.equal(result.result.interval, 3);
    assert.equal(await page.evaluate(`document.getElementById("making").hidden`), false, "'making this part next' over the picture");
    await page.until(`document.getElementById("video").currentTime > 43`, { timeout: 60000, what: "the part playing once made" });
    await page.until(`document.getElementById("making").hidden`, { what: "the note gone once it plays" });
    assert.deepEqual(await pageErrors(page), []);
  });
});

test("upload progress moves on a slow line before the first MiB is acknowledged", { skip, timeout: 90000 }, async () => {
  const clip = await generatedClip({ seconds: 40 });
  await withPage({ rate: 200 * 1024 }, async ({ page, frames, url }) => {
    await startSession(page, url, clip);
    const seen = new Set();
    await until(() => frames.has("received", "welcome"), { what: "the welcome" });
    // Sampled until a MiB is acknowledged (about 5 s at 200 KiB/s): each stored frame is acknowledged on a line this slow.
    while (!frames.has("received", "upload_ack", (a) => a.offset >= 1024 * 1024)) {
      seen.add(await page.evaluate(`document.getElementById("upload-text").textContent.split(" · ")[1]`));
      await new Promise((done) => setTimeout(done, 200));
    }
    console.log(`# upload progress seen before the first MiB was acknowledged: ${[...seen].join(", ")}`);
    assert.ok(seen.size >= 3, `progress moved in steps finer than a MiB: ${[...seen].join(", ")}`);
  });
});

test("a file that is not a video is refused on its first bytes, in the user's own file name", { skip, timeout: 60000 }, async () => {
  const notes = join(tmpdir(), `holiday notes ${process.pid}.mp4`);
  writeFileSync(notes, "Day 1: the beach. Day 2: the museum.\n".repeat(80000)); // 3 MiB of text, named .mp4
  await withPage({ rate: UPLINK }, async ({ page, frames, proxy, url }) => {
    await startSession(page, url, notes);
    const error = await until(() => frames.has("received", "error", (e) => e.fatal), { timeout: 20000, what: "the fatal error" });
    assert.equal(error.code, "unsupported_media");
    assert.ok(proxy.sent < 3 * 1024 * 1024 / 2, `refused after ${proxy.sent} bytes, not after the whole upload`);
    await page.until(`document.getElementById("session-messages").textContent.includes("holiday notes ${process.pid}.mp4")`,
                     { what: "the message naming the user's file" });
    assert.doesNotMatch(await page.evaluate(`document.querySelector("main").textContent`), /upload\.bin/);
    assert.match(await page.evaluate(`document.getElementById("work-text").textContent`), /ended with an error/);
    assert.equal(await page.evaluate(`document.getElementById("download").hidden`), true, "nothing to download");
    console.log(`# screenshot: ${await screenshot(page, "page-not-a-video.png")}`);
    // Opened again later, the page says how the session ended: no "results below" without results.
    await page.navigate();
    await page.until(`document.getElementById("session-messages").textContent.includes("ended with the error")`, { what: "the ended message" });
    assert.doesNotMatch(await page.evaluate(`document.querySelector("main").textContent`), /results are below/);
    assert.equal((await pageErrors(page)).length, 1, "the error once, not twice");
  });
});
