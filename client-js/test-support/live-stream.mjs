// A live source for the tests: ffmpeg writing a generated stream in real time (-re) to a
// pipe, as a camera or a broadcast would, into the harness's stdin.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { harness } from "./harness.mjs";

/**
 * ffmpeg's arguments for `seconds` of testsrc2 and a tone, H.264 with a keyframe every second,
 * MPEG-TS on stdout; in real time (-re) unless `realTime` is false.
 */
export function liveStreamArgs(seconds, realTime = true) {
  return ["-v", "error", ...(realTime ? ["-re"] : []), "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
          "-t", String(seconds), "-c:v", "libx264", "-g", "30", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
          "-c:a", "aac", "-f", "mpegts", "-flush_packets", "1", "-"];
}

/**
 * `ffmpeg -re ... | harness --live --file - ARGS [--script]`: resolves {code, lines, stderr},
 * each line the harness printed with `at`, the time it was read (ms).
 */
export async function runLiveHarness(args, { seconds, script, realTime = true, timeout = 120000 }) {
  const folder = await mkdtemp(join(tmpdir(), "pbp-live-"));
  try {
    if (script) {
      const path = join(folder, "script.json");
      await writeFile(path, JSON.stringify(script));
      args = [...args, "--script", path];
    }
    const ffmpeg = spawn("ffmpeg", liveStreamArgs(seconds, realTime), { stdio: ["ignore", "pipe", "pipe"] });
    const child = spawn(process.execPath, ["--experimental-websocket", harness, "--file", "-", ...args], { stdio: ["pipe", "pipe", "pipe"] });
    ffmpeg.stdout.pipe(child.stdin);
    child.stdin.on("error", () => {}); // the harness may stop reading first (a failed step)
    const lines = [];
    let stdout = "", stderr = "", ffmpegErrors = "";
    child.stdout.on("data", (data) => {
      stdout += data;
      const parts = stdout.split("\n");
      stdout = parts.pop();
      for (const part of parts.filter(Boolean)) lines.push({ ...JSON.parse(part), at: Date.now() });
    });
    child.stderr.on("data", (data) => { stderr += data; });
    ffmpeg.stderr.on("data", (data) => { ffmpegErrors += data; });
    const timer = setTimeout(() => { child.kill("SIGKILL"); ffmpeg.kill("SIGKILL"); }, timeout);
    const code = await new Promise((resolve) => child.on("exit", (exitCode, signal) => resolve(exitCode ?? signal)));
    clearTimeout(timer);
    if (ffmpeg.exitCode === null) ffmpeg.kill("SIGKILL");
    return { code, lines, stderr: stderr + ffmpegErrors };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The duration of a media file or URL, from ffprobe's container. */
export async function probeDuration(url) {
  const { stdout } = await promisify(execFile)("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", url]);
  return Number(stdout.trim());
}
