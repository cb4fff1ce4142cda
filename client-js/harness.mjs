#!/usr/bin/env node
// Scripted playbyplay sessions: see README.md ("The session harness") for the script format.
// Prints every server message as a JSON line on stdout; exits 1 when a step fails, 2 on
// bad usage or a bad script.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Runner, StepFailure } from "./harness/runner.js";
import { DEFAULT_SCRIPT, parseScript } from "./harness/script.js";

const USAGE = `usage: node --experimental-websocket client-js/harness.mjs --url ws://HOST:PORT/v1/session --file VIDEO [--script SCRIPT.json] [--token T] [--acks] [--reconnect] [--live] [--max-backlog-mib N]
  --file    a video file, or - for a stream on stdin (or a named pipe): an upload of unknown size, sent as it comes
  --live    a live session (hello options.live) of the stream on stdin, written in real time (ffmpeg -re);
            prints each chunk's glass-to-glass delay ("live_delay") and a summary at the end
  --max-backlog-mib  a stream's bytes held until the server acknowledges them (default 256); more fails the run
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
                                         reconnect: { type: "boolean" }, live: { type: "boolean" },
                                         "max-backlog-mib": { type: "string" }, help: { type: "boolean" } } }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.url || !values.file) fail(`--url and --file are required\n${USAGE}`, 2);
  if (!/^wss?:\/\//.test(values.url)) fail(`--url must be a ws:// or wss:// URL, not "${values.url}"`, 2);
  const stdin = values.file === "-";
  const info = stdin ? null : await stat(values.file).catch(() => null);
  const stream = stdin || Boolean(info?.isFIFO());
  if (!stream && !info?.isFile()) fail(`--file ${values.file}: no such file`, 2);
  if (!stream && info.size === 0) fail(`--file ${values.file} is empty`, 2);
  if (values.live && !stream) fail("--live sends a stream as it is recorded: --file - (stdin) or a named pipe, not a file", 2);
  if (stdin && process.stdin.isTTY) fail("--file - reads the video from stdin: pipe it in (ffmpeg ... -f mpegts - | node ...)", 2);
  const backlogMiB = Number(values["max-backlog-mib"] ?? 256);
  if (!(backlogMiB > 0)) fail(`--max-backlog-mib must be a positive number, not "${values["max-backlog-mib"]}"`, 2);

  let steps;
  try {
    const text = values.script ? await readFile(values.script, "utf8") : JSON.stringify(DEFAULT_SCRIPT);
    steps = parseScript(text);
  } catch (error) {
    fail(`${values.script ?? "script"}: ${error.message}`, 2);
  }

  const input = !stream ? undefined : stdin ? process.stdin : createReadStream(values.file);
  const runner = new Runner({ url: values.url, file: values.file, token: values.token, acks: values.acks, reconnect: values.reconnect,
                              input, live: values.live, backlogLimit: backlogMiB * 1024 * 1024,
                              print: (line) => process.stdout.write(`${JSON.stringify(line)}\n`) });
  try {
    await runner.run(steps);
  } catch (error) {
    fail(error instanceof StepFailure ? error.message : `unexpected error: ${error.stack ?? error}`, 1);
  }
}

await main();
