// The player's bookkeeping in `highlights` output, without a browser: which chunk is appended
// next when one failed, and where a source time plays in the video.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Player } from "../src/player.js";

const video = () => ({ currentTime: 0, addEventListener() {} });
const chunk = (index, start, end) => ({ index, start, end, duration: end - start, url: `/media/k/chunk-${String(index).padStart(5, "0")}.mp4` });

function highlightsPlayer() {
  const player = new Player(video(), { firstFrame() {}, problem() {}, notice() {} });
  player.highlights = true;
  return player;
}

test("in highlights a failed chunk is passed over, so the ones after it still play", () => {
  const player = highlightsPlayer();
  player.add(chunk(0, 0, 5));
  player.add(chunk(2, 20, 25));
  assert.equal(player.nextChunk().index, 0);
  player.appended.add(0);
  assert.equal(player.nextChunk(), null, "chunk 1 is awaited");
  player.skip(1);
  assert.equal(player.nextChunk().index, 2);
});

test("a source time maps to where its highlight plays, and only once that highlight is appended", () => {
  const player = highlightsPlayer();
  player.add(chunk(0, 0, 5));
  player.add(chunk(1, 12, 15));
  player.offsets.set(0, 0);
  assert.equal(player.mediaTime(13.4), null, "chunk 1 is not appended yet");
  player.offsets.set(1, -7); // appended after 5 s of chunk 0: source 12 plays at 5
  assert.equal(player.mediaTime(13.4).toFixed(2), "6.40");
  assert.equal(player.mediaTime(2), 2);
  assert.equal(player.mediaTime(9), null, "between highlights");
  player.highlights = false;
  assert.equal(player.mediaTime(9), 9, "in full output source time is the video's time");
});
