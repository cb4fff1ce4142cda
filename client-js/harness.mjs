#!/usr/bin/env node
// Scripted playbyplay sessions: see README.md ("The session harness") for the script format.
// Prints every server message as a JSON line on stdout; exits 1 when a step fails, 2 on
// bad usage or a bad script.
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Runner, StepFailure } from "./harness/runner.js";
import { DEFAULT_SCRIPT, parseScript } from "./harness/script.js";

const USAGE = `usage: node --experimental-websocket client-js/harness.mjs --url ws://HOST:PORT/v1/session --file VIDEO [--script SCRIPT.json] [--token T] [--acks] [--reconnect]
  --script  JSON array of steps (default: upload everything, wait for complete or cancelled)
  --token   the server's access token, when it runs with one
  --acks    print upload_ack and upload_nack too
  --reconnect  resume by itself when the connection is lost (not by a "cut" step), as the page does`;

function fail(message, code) {
  process.stderr.write(`harness: ${message}\n`);
  process.exit(code);
}

async function main() {
  if (typeof WebSocket === "undefined") fail("this Node has no WebSocket; run it with node --experimental-websocket (Node 20) or Node 22+", 2);
  let values;
  try {
    ({ values } = parseArgs({ options: { url: { type: "string" }, file: { type: "string" }, script: { type: "string" },
                                         token: { type: "string" }, acks: { type: "boolean" },
                                         reconnect: { type: "boolean" }, help: { type: "boolean" } } }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.url || !values.file) fail(`--url and --file are required\n${USAGE}`, 2);
  if (!/^wss?:\/\//.test(values.url)) fail(`--url must be a ws:// or wss:// URL, not "${values.url}"`, 2);
  const info = await stat(values.file).catch(() => null);
  if (!info?.isFile()) fail(`--file ${values.file}: no such file`, 2);
  if (info.size === 0) fail(`--file ${values.file} is empty`, 2);

  let steps;
  try {
    const text = values.script ? await readFile(values.script, "utf8") : JSON.stringify(DEFAULT_SCRIPT);
    steps = parseScript(text);
  } catch (error) {
    fail(`${values.script ?? "script"}: ${error.message}`, 2);
  }

  const runner = new Runner({ url: values.url, file: values.file, token: values.token, acks: values.acks, reconnect: values.reconnect,
                              print: (line) => process.stdout.write(`${JSON.stringify(line)}\n`) });
  try {
    await runner.run(steps);
  } catch (error) {
    fail(error instanceof StepFailure ? error.message : `unexpected error: ${error.stack ?? error}`, 1);
  }
}

await main();
