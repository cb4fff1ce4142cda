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

/** A clip of `seconds` at `size` (testsrc2 + a sine tone), H.264 with a keyframe every `gop` s, moov first. */
export async function generatedClip({ seconds = 24, size = "320x240", rate = 25, gop = 1 } = {}) {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `clip-${seconds}s-${size}-${rate}-${gop}.mp4`);
  if (existsSync(path)) return path;
  const partial = `${path}.part.mp4`;
  await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=${rate}`,
                       "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", String(seconds),
                       "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", String(gop * rate),
                       "-c:a", "aac", "-movflags", "+faststart", partial]);
  await run("mv", [partial, path]);
  return path;
}

export const sharedMedia = join(import.meta.dirname, "../../../shared/media");
