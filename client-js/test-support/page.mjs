// Driving the page in tests: the frames it sends and receives, the file choice and start,
// the performance marks it records, and the screenshot kept as an artifact.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withChromium } from "./chromium.mjs";
import { withProxy } from "./proxy.mjs";
import { withServer } from "./server.mjs";

export const artifacts = join(import.meta.dirname, "../test/artifacts");

/**
 * A server, a proxy in front of it (`options`: its `rate`; `chromium`: more browser switches),
 * a browser, and the page's frames and uncaught exceptions recorded: `body({page, frames, proxy, url})`.
 */
export function withPage(options, body) {
  const { chromium: args = [], ...link } = options;
  return withServer(({ port }) => withProxy(port, (proxy) => withChromium(async (page) => {
    const frames = recordFrames(page);
    frames.exceptions = [];
    page.on("Runtime.exceptionThrown", ({ exceptionDetails }) => frames.exceptions.push(exceptionDetails.exception?.description));
    return body({ page, frames, proxy, url: `http://127.0.0.1:${proxy.port}/` });
  }, { args }), link));
}

/** Records the page's WebSocket text frames as parsed JSON, each with its arrival time. */
export function recordFrames(page) {
  const frames = { sent: [], received: [] };
  const keep = (list) => ({ response }) => {
    if (response.opcode !== 1) return;
    try { list.push({ ...JSON.parse(response.payloadData), at: Date.now() }); } catch { /* not JSON: ignore */ }
  };
  page.on("Network.webSocketFrameSent", keep(frames.sent));
  page.on("Network.webSocketFrameReceived", keep(frames.received));
  frames.has = (list, type, predicate = () => true) => frames[list].find((f) => f.type === type && predicate(f));
  return frames;
}

/** Waits (polling Node-side state) until `test()` is truthy. */
export async function until(test, { timeout = 30000, what = "a condition" } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Loads the page, chooses `file` and starts with `interval` seconds per interval and `output` ("full" or "highlights"). */
export async function startSession(page, url, file, { interval = 5, output = "full" } = {}) {
  await page.navigate(url);
  await page.setFile("#file", file);
  await page.evaluate(`document.getElementById("interval").value = "${interval}";
    document.getElementById("output").value = "${output}";
    document.getElementById("start").click()`);
}

/** A real mouse click (press and release) at `fraction` of the width of the element `selector`, mid-height. */
export async function clickAlong(page, selector, fraction) {
  const box = await page.evaluate(`(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height }; })()`);
  const x = box.x + box.width * fraction, y = box.y + box.height / 2;
  for (const type of ["mouseMoved", "mousePressed", "mouseReleased"]) {
    await page.send("Input.dispatchMouseEvent", { type, x, y, button: "left", buttons: type === "mousePressed" ? 1 : 0, clickCount: 1 });
  }
}

/** Milliseconds between two of the page's performance marks. */
export function markSpan(page, from, to) {
  return page.evaluate(`(() => {
    const [a] = performance.getEntriesByName("pbp:${from}"), [b] = performance.getEntriesByName("pbp:${to}");
    return a && b ? Math.round(b.startTime - a.startTime) : null;
  })()`);
}

export async function screenshot(page, name) {
  const { data } = await page.send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, name);
  writeFileSync(path, Buffer.from(data, "base64"));
  return path;
}

/** The page's error messages (warnings and infos are not errors). */
export const pageErrors = (page) => page.evaluate(`[...document.querySelectorAll(".messages p.error")].map((p) => p.textContent)`);
