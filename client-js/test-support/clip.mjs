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
export async function generatedClip({ seconds = 24, size = "320x240", rate = 25, gop = 1, crowd = false, mbps } = {}) {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `clip-${seconds}s-${size}-${rate}-${gop}${crowd ? "-crowd" : ""}${mbps ? `-${mbps}M` : ""}.mp4`);
  if (existsSync(path)) return path;
  const partial = `${path}.part.mp4`;
  const bitrate = mbps ? ["-b:v", `${mbps}M`, "-minrate", `${mbps}M`, "-maxrate", `${mbps}M`, "-bufsize", `${2 * mbps}M`, "-x264-params", "nal-hrd=cbr"] : [];
  await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=${rate}`,
                       "-f", "lavfi", "-i", crowd ? CROWD : TONE, "-t", String(seconds),
                       "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", String(gop * rate), ...bitrate,
                       "-c:a", "aac", "-movflags", "+faststart", partial]);
  await run("mv", [partial, path]);
  return path;
}

const REMUX = {
  "moov-last": [".moov-last.mp4", ["-f", "mp4"]],
  mkv: [".mkv", ["-f", "matroska"]],
  ts: [".ts", ["-bsf:v", "h264_mp4toannexb", "-f", "mpegts"]],
  "fragmented": [".frag.mp4", ["-movflags", "frag_keyframe+empty_moov+default_base_moof"]],
};

/** `clip` stream-copied into another layout: "moov-last" (the index after the media data), "mkv", "ts", "fragmented". */
export async function remuxedClip(clip, kind) {
  if (kind === "faststart") return clip;
  const [suffix, args] = REMUX[kind];
  const path = clip.replace(/\.mp4$/, suffix);
  if (existsSync(path)) return path;
  const partial = `${path}.part${suffix}`;
  await run("ffmpeg", ["-v", "error", "-y", "-i", clip, "-c", "copy", ...args, partial]);
  await run("mv", [partial, path]);
  return path;
}

export const sharedMedia = join(import.meta.dirname, "../../../shared/media");
