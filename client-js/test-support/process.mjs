// Child processes the tests start: read a line they print, and stop them on every path.

/** Resolves with the first match of `pattern` in what `streams` print; rejects on exit or after `ms`. */
export function waitForOutput(child, streams, pattern, { ms, what }) {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${ms} ms:\n${log}`)), ms);
    for (const stream of streams) {
      stream.on("data", (data) => {
        log += data;
        const match = pattern.exec(log);
        if (match) { clearTimeout(timer); resolve(match); }
      });
    }
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`${what} exited (${code}):\n${log}`)); });
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
