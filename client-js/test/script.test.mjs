import assert from "node:assert/strict";
import { test } from "node:test";
import { eventMatches, matches } from "../harness/match.js";
import { parseScript } from "../harness/script.js";

test("a script without a start step gets one; each step is validated with its number", () => {
  assert.deepEqual(parseScript('[{"upload":{"until":10}}]').map((s) => s.name), ["start", "upload"]);
  assert.deepEqual(parseScript('[{"start":{"options":{"interval_s":5}}},{"cut":{}}]').map((s) => s.number), [1, 2]);
  assert.throws(() => parseScript("{}"), /must be a JSON array/);
  assert.throws(() => parseScript('[{"upload":{},"cut":{}}]'), /step 1: a step is an object with exactly one key/);
  assert.throws(() => parseScript('[{"upload":{"untill":5}}]'), /step 1: "upload" has no field "untill"/);
  assert.throws(() => parseScript('[{"upload":{"until":"5"}}]'), /step 1 \(upload\): "until" must be a number, not string/);
  assert.throws(() => parseScript('[{"wait":{}}]'), /step 1: "wait" needs "type"/);
  assert.throws(() => parseScript('[{"expect":{"count":1}}]'), /"expect" needs "type", "closed" or "in_order"/);
  assert.throws(() => parseScript('[{"send":{}}]'), /"send" takes one of "json" or "text"/);
  assert.throws(() => parseScript('[{"sleep":5}]'), /"sleep" takes an object/);
});

test("where patterns match partially, with operators for numbers", () => {
  const event = { type: "command_result", ok: true, result: { interval: 3, state: "queued" }, seq: 12 };
  assert.ok(matches(event, { result: { interval: 3 } }));
  assert.ok(!matches(event, { result: { interval: 4 } }));
  assert.ok(matches(event, { seq: { gte: 12, lt: 13 } }));
  assert.ok(!matches(event, { seq: { gt: 12 } }));
  assert.ok(matches(event, { result: { state: { in: ["queued", "in_progress"] } } }));
  assert.ok(matches(event, { missing: { exists: false } }));
  assert.ok(!matches(event, { ok: { ne: true } }));
  assert.ok(eventMatches(event, { type: ["complete", "command_result"] }));
  assert.ok(!eventMatches(event, { type: "complete" }));
});

test("a cut can come after seconds of a stream", () => {
  assert.deepEqual(parseScript('[{"cut":{"after_s":8}}]')[1].args, { after_s: 8 });
  assert.throws(() => parseScript('[{"cut":{"after_s":"8"}}]'), /"after_s" must be a number/);
});
