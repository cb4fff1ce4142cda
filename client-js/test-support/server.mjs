// A real playbyplay server on port 0 with a temporary data folder, for the duration of `body`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");
export const binary = join(root, ".build/release/playbyplay");

export function serverMissing() {
  return existsSync(binary) ? null : `no server binary at ${binary}; run swift build -c release`;
}

/** Runs `body({port, http, ws})` against a fresh server; stops it and removes its data on every path. */
export async function withServer(body) {
  const dataDir = await mkdtemp(join(tmpdir(), "pbp-data-"));
  const child = spawn(binary, ["serve", "--port", "0", "--data-dir", dataDir, "--client-dir", join(root, "client-js")],
                      { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  try {
    const port = await new Promise((resolvePort, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log}`)), 15000);
      const read = (data) => {
        log += data;
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
        if (match) { clearTimeout(timer); resolvePort(Number(match[1])); }
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}):\n${log}`)); });
    });
    return await body({ port, http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/v1/session` });
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}
