// Runs client-js/harness.mjs as users run it: a child process with a script.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./server.mjs";

export const harness = join(root, "client-js/harness.mjs");

/** Runs the harness with `script` (an array, or raw text); resolves {code, lines, stderr}. */
export async function runHarness(args, script, { timeout = 60000 } = {}) {
  const folder = await mkdtemp(join(tmpdir(), "pbp-script-"));
  try {
    if (script !== undefined) {
      const path = join(folder, "script.json");
      await writeFile(path, typeof script === "string" ? script : JSON.stringify(script));
      args = [...args, "--script", path];
    }
    return await new Promise((resolve) => {
      execFile(process.execPath, ["--experimental-websocket", harness, ...args], { timeout }, (error, stdout, stderr) => {
        const lines = stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line));
        resolve({ code: error ? error.code : 0, lines, stderr });
      });
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

