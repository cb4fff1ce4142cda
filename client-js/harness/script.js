// Harness scripts: a JSON array of steps, each an object with one key naming the step.
// Validated up front so a typo fails before any byte is sent.

const STEPS = {
  start: { options: "object", name: "string", sha256: "boolean", seekable: "boolean" },
  upload: { until: "number", bytes: "number", wait: "boolean" },
  cut: { at_byte: "number", after_bytes: "number", after_s: "number" },
  resume: { last_seq: "number" },
  wait: { type: "type", where: "object", timeout_s: "number" },
  command: { name: "string", args: "object", id: "string", await: "boolean" },
  expect: { type: "type", where: "object", count: "number", min: "number", max: "number", closed: "number",
            in_order: "boolean", timeout_s: "number" },
  send: { json: "object", text: "string" },
  sleep: { ms: "number" },
};

const REQUIRED = { wait: ["type"], command: ["name"], sleep: ["ms"] };

export const DEFAULT_SCRIPT = [{ upload: {} }, { wait: { type: ["complete", "cancelled"] } }];

function kindOf(value) {
  if (Array.isArray(value)) return "array";
  return value === null ? "null" : typeof value;
}

function checkField(where, key, value, expected) {
  const ok = expected === "type"
    ? typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"))
    : kindOf(value) === expected;
  if (!ok) throw new Error(`${where}: "${key}" must be ${expected === "type" ? "a string or a list of strings" : `a ${expected}`}, not ${kindOf(value)}`);
}

/** The steps of a script as {name, args, number}; throws with the step's number on any mistake. */
export function parseScript(text) {
  let steps;
  try {
    steps = JSON.parse(text);
  } catch (error) {
    throw new Error(`the script is not valid JSON: ${error.message}`);
  }
  if (!Array.isArray(steps)) throw new Error("the script must be a JSON array of steps");
  const parsed = steps.map((step, i) => {
    const where = `step ${i + 1}`;
    if (kindOf(step) !== "object" || Object.keys(step).length !== 1) {
      throw new Error(`${where}: a step is an object with exactly one key, e.g. {"upload": {}}`);
    }
    const [name, args] = Object.entries(step)[0];
    const fields = STEPS[name];
    if (!fields) throw new Error(`${where}: unknown step "${name}" (known: ${Object.keys(STEPS).join(", ")})`);
    if (kindOf(args) !== "object") throw new Error(`${where}: "${name}" takes an object, e.g. {"${name}": {}}`);
    for (const [key, value] of Object.entries(args)) {
      if (!(key in fields)) throw new Error(`${where}: "${name}" has no field "${key}" (fields: ${Object.keys(fields).join(", ")})`);
      checkField(`${where} (${name})`, key, value, fields[key]);
    }
    for (const key of REQUIRED[name] ?? []) {
      if (!(key in args)) throw new Error(`${where}: "${name}" needs "${key}"`);
    }
    if (name === "expect" && !("type" in args) && !("closed" in args) && !("in_order" in args)) {
      throw new Error(`${where}: "expect" needs "type", "closed" or "in_order"`);
    }
    if (name === "send" && ("json" in args) === ("text" in args)) throw new Error(`${where}: "send" takes one of "json" or "text"`);
    return { name, args, number: i + 1 };
  });
  if (parsed[0]?.name !== "start") parsed.unshift({ name: "start", args: {}, number: 0 });
  return parsed;
}
