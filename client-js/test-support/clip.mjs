// Test clips made with ffmpeg's lavfi sources, cached per run in a temporary folder.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const folder = join(tmpdir(), `pbp-clips-${process.getuid?.() ?? "u"}`);

export function ffmpegMissing() {
  return ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].some(existsSync) ? null : "ffmpeg is not installed";
}

// Crowd-like sound: pink noise that swells for 3 s out of every 8 s. The local detector hears
// each swell as a crowd roar, so the clip has events (and `highlights` output has chunks).
const CROWD = "anoisesrc=color=pink:sample_rate=44100:amplitude=0.3,volume='0.2+0.8*gt(mod(t,8),5)':eval=frame";
const TONE = "sine=frequency=440:sample_rate=44100";

/**
 * A clip of `seconds` at `size` (testsrc2 + a sine tone, or crowd noise with bursts when
 * `crowd`), H.264 with a keyframe every `gop` s, moov first.
 */
export async function generatedClip({ seconds = 24, size = "320x240", rate = 25, gop = 1, crowd = false } = {}) {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `clip-${seconds}s-${size}-${rate}-${gop}${crowd ? "-crowd" : ""}.mp4`);
  if (existsSync(path)) return path;
  const partial = `${path}.part.mp4`;
  await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=${rate}`,
                       "-f", "lavfi", "-i", crowd ? CROWD : TONE, "-t", String(seconds),
                       "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", String(gop * rate),
                       "-c:a", "aac", "-movflags", "+faststart", partial]);
  await run("mv", [partial, path]);
  return path;
}

export const sharedMedia = join(import.meta.dirname, "../../../shared/media");
