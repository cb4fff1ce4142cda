// Uploads that do not start with an index, through harness.mjs against a real server: an MP4
// whose moov follows its mdat (the harness is seekable: the server asks for the index first),
// the same clip as Matroska and MPEG-TS (planned as they arrive); cuts in each range resumed
// with nothing lost; a client that cannot seek.
import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import { test } from "node:test";
import { ffmpegMissing, generatedClip, remuxedClip } from "../test-support/clip.mjs";
import { runHarness } from "../test-support/harness.mjs";
import { serverMissing, withServer } from "../test-support/server.mjs";

const skip = (typeof WebSocket === "undefined" && "Node has no WebSocket: run node --experimental-websocket") || serverMissing() || ffmpegMissing() || false;
const OPTIONS = { interval_s: 10, first_interval_s: 4 };
const clip = (kind) => generatedClip({ seconds: 40 }).then((mp4) => remuxedClip(mp4, kind));

for (const kind of ["moov-last", "mkv", "ts"]) {
  test(`${kind}: the first chunk is ready with 40 % of the file still unsent`, { skip, timeout: 150000 }, async () => {
    const file = await clip(kind);
    const { size } = await stat(file);
    await withServer(async ({ ws }) => {
      const { code, lines, stderr } = await runHarness(["--url", ws, "--file", file], [
        { start: { sha256: true, options: OPTIONS } },
        { upload: { bytes: Math.floor(size * 0.6) } },
        { wait: { type: "chunk_ready", timeout_s: 90 } },
        { upload: {} },
        { wait: { type: "complete", timeout_s: 90 } },
        { expect: { in_order: true } },
        { expect: { type: "error", count: 0 } },
        { expect: { type: "chunk_ready", count: 5 } },
      ], { timeout: 140000 });
      assert.equal(code, 0, stderr);
      const wants = lines.filter((l) => l.type === "upload_want").map((l) => l.offset);
      const infos = lines.filter((l) => l.type === "media_info");
      if (kind === "moov-last") {
        assert.equal(wants.length, 2, `the index, then the lowest missing byte: ${wants}`);
        assert.ok(wants[0] > size * 0.9 && wants[1] < size * 0.1);
        assert.equal(infos.length, 1);
        assert.ok(Math.abs(infos[0].duration - 40) < 0.1);
      } else {
        assert.deepEqual(wants, [], "a stream is sent in order");
        // Planned while it arrives: the end comes in a second media_info.
        assert.deepEqual(infos.map((i) => i.duration === null), [true, false]);
        assert.equal(infos[0].intervals, null);
        assert.ok(Math.abs(infos[1].duration - 40) < 0.1 && infos[1].intervals === 5);
        const last = lines.findIndex((l) => l.type === "events_detected" && l.interval === 4);
        assert.ok(lines.indexOf(infos[1]) < last, "the end is known before the last chunk's events");
      }
      assert.equal(infos[0].first_interval_s, 4);
    });
  });
}

test("cuts in the first run, the index run and the media run resume with nothing lost", { skip, timeout: 150000 }, async () => {
  const file = await clip("moov-last");
  await withServer(async ({ ws }) => {
    const { code, lines, stderr } = await runHarness(["--url", ws, "--file", file], [
      // The server checks the declared SHA-256 against the stored file at the end.
      { start: { sha256: true, options: OPTIONS } },
      { cut: { after_bytes: 100000 } },
      { resume: {} },
      { upload: { bytes: 1000 } },
      { cut: {} },
      { resume: {} },
      { upload: { bytes: 3000000 } },
      { cut: {} },
      { resume: {} },
      { upload: {} },
      { wait: { type: "complete", timeout_s: 90 } },
      { expect: { in_order: true } },
      { expect: { type: "error", count: 0 } },
    ], { timeout: 140000 });
    assert.equal(code, 0, stderr);
    const welcomes = lines.filter((l) => l.type === "welcome").map((l) => l.upload);
    assert.equal(welcomes.length, 4);
    const index = welcomes[1].want;
    assert.deepEqual(welcomes[1].ranges, [[0, 100000]]);
    assert.ok(index > 100000, "cut before the index was sent: it is asked for again");
    assert.deepEqual(welcomes[2].ranges, [[0, 100000], [index, index + 1000]]);
    assert.equal(welcomes[2].want, index + 1000, "cut in the index: continues where it stopped");
    assert.equal(welcomes[3].ranges.length, 2, "the media data so far, and the whole index");
    assert.equal(welcomes[3].ranges[1][0], index);
    assert.equal(welcomes[3].want, welcomes[3].ranges[0][1], "cut in the media data: continues where it stopped");
    assert.ok(welcomes[3].want > 100000 && welcomes[3].want < index);
  });
});

test("a client that cannot seek uploads an index-last MP4 in order and completes", { skip, timeout: 120000 }, async () => {
  const file = await clip("moov-last");
  await withServer(async ({ ws }) => {
    const { code, lines, stderr } = await runHarness(["--url", ws, "--file", file], [
      { start: { seekable: false, options: OPTIONS } },
      { upload: {} },
      { wait: { type: "complete", timeout_s: 90 } },
      { expect: { type: "chunk_ready", count: 5 } },
    ], { timeout: 110000 });
    assert.equal(code, 0, stderr);
    assert.equal(lines.filter((l) => l.type === "upload_want").length, 0);
    assert.equal(lines.find((l) => l.type === "welcome").upload.want, undefined);
  });
});
