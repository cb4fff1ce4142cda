// A real playbyplay server on port 0 with a temporary data folder, for the duration of `body`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stop, waitForOutput } from "./process.mjs";

export const root = resolve(import.meta.dirname, "../..");
export const binary = join(root, ".build/release/playbyplay");

export function serverMissing() {
  return existsSync(binary) ? null : `no server binary at ${binary}; run swift build -c release`;
}

/**
 * Runs `body({port, http, ws, restart})` against a fresh server; stops it and removes its data
 * on every path. `restart()` kills the server (SIGKILL) and starts it again on the same port
 * and data folder. `args`: more `serve` options.
 */
export async function withServer(body, { args = [] } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), "pbp-data-"));
  const launch = async (port) => {
    const child = spawn(binary, ["serve", "--port", `${port}`, "--data-dir", dataDir, "--client-dir", join(root, "client-js"), ...args],
                        { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const [, listening] = await waitForOutput(child, [child.stdout, child.stderr], /listening on http:\/\/127\.0\.0\.1:(\d+)/,
                                              { ms: 15000, what: "the server" });
    return { child, port: listening };
  };
  let server = await launch(0);
  const restart = async () => {
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGKILL");
    await exited;
    server = await launch(server.port);
  };
  try {
    const { port } = server;
    return await body({ port, http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/v1/session`, restart });
  } finally {
    await stop(server.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}
