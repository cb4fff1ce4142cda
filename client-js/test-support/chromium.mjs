// Headless Chromium driven over the DevTools protocol with Node's built-in WebSocket.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stop, waitForOutput } from "./process.mjs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
export const chromiumPath = process.env.CHROMIUM ?? CANDIDATES.find(existsSync);

export function chromiumMissing() {
  if (typeof WebSocket === "undefined") return "Node has no WebSocket: run node --experimental-websocket";
  return chromiumPath ? null : "chromium is not installed (Debian package chromium)";
}

/** A camera and microphone of Chromium's own (a moving test picture and a beep), allowed without asking. */
export const FAKE_CAMERA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"];

/** One page target: `send(method, params)`, `on(method, handler)`, `waitFor(method, predicate)`. */
class Page {
  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.pending = new Map();
    this.handlers = new Map();
    socket.onmessage = ({ data }) => {
      const message = JSON.parse(data);
      if (message.id !== undefined) {
        const { resolve, reject, method } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else {
        for (const handler of this.handlers.get(message.method) ?? []) handler(message.params);
      }
    };
  }

  send(method, params = {}) {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  on(method, handler) {
    this.handlers.set(method, [...(this.handlers.get(method) ?? []), handler]);
  }

  off(method, handler) {
    this.handlers.set(method, (this.handlers.get(method) ?? []).filter((h) => h !== handler));
  }

  /** The value of `expression` in the page (promises awaited); throws the page's exception. */
  async evaluate(expression) {
    const { result, exceptionDetails } = await this.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  /** Polls `expression` until it is truthy; returns its value. */
  async until(expression, { timeout = 30000, what = expression, every = 100 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, every));
    }
  }

  async setFile(selector, path) {
    const { root } = await this.send("DOM.getDocument", {});
    const { nodeId } = await this.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element ${selector}`);
    await this.send("DOM.setFileInputFiles", { nodeId, files: [path] });
  }

  /** Loads `url` (or reloads the page without one) and waits for its load event. */
  async navigate(url) {
    const loaded = new Promise((resolve) => {
      const once = () => { this.off("Page.loadEventFired", once); resolve(); };
      this.on("Page.loadEventFired", once);
    });
    await (url ? this.send("Page.navigate", { url }) : this.send("Page.reload", {}));
    await loaded;
  }
}

/**
 * Runs `body(page)` in a fresh headless Chromium; kills it and removes its profile on every path.
 * `args`: more switches (a fake camera: FAKE_CAMERA).
 */
export async function withChromium(body, { width = 1000, height = 900, args = [] } = {}) {
  const profile = await mkdtemp(join(tmpdir(), "pbp-chromium-"));
  // Chromium refuses to run as root with its sandbox (containers, CI).
  const sandbox = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  const child = spawn(chromiumPath, [...sandbox, "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`,
    "--autoplay-policy=no-user-gesture-required", "--no-first-run", "--no-default-browser-check", "--disable-gpu",
    "--disable-extensions", "--mute-audio", `--window-size=${width},${height}`, ...args, "about:blank"],
  // Its own TMPDIR inside the profile: Chromium leaves a SingletonSocket folder in TMPDIR behind.
  { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, TMPDIR: profile } });
  let socket;
  try {
    const [, browserURL] = await waitForOutput(child, [child.stderr], /DevTools listening on (ws:\/\/\S+)/, { ms: 20000, what: "chromium" });
    const { port } = new URL(browserURL);
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const target = targets.find((t) => t.type === "page");
    socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = () => reject(new Error("cannot reach the page's DevTools socket")); });
    const page = new Page(socket);
    await Promise.all(["Page.enable", "Runtime.enable", "Network.enable", "DOM.enable"].map((m) => page.send(m)));
    return await body(page);
  } finally {
    socket?.close();
    await stop(child);
    // Chromium's helper processes may still be writing into the profile for a moment after the
    // browser exits (seen in CI as ENOTEMPTY): retry the removal.
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}
