// `where` predicates of harness scripts: a partial match of an event's fields, with
// comparison operators for numbers.

const OPERATORS = {
  eq: (value, arg) => deepEqual(value, arg),
  ne: (value, arg) => !deepEqual(value, arg),
  gt: (value, arg) => typeof value === "number" && value > arg,
  gte: (value, arg) => typeof value === "number" && value >= arg,
  lt: (value, arg) => typeof value === "number" && value < arg,
  lte: (value, arg) => typeof value === "number" && value <= arg,
  exists: (value, arg) => (value !== undefined) === arg,
  in: (value, arg) => Array.isArray(arg) && arg.some((item) => deepEqual(value, item)),
};

function isOperatorObject(object) {
  const keys = Object.keys(object);
  return keys.length > 0 && keys.every((key) => key in OPERATORS);
}

function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether `value` satisfies `pattern`: literals compare equal, objects match partially. */
export function matches(value, pattern) {
  if (pattern === null || typeof pattern !== "object" || Array.isArray(pattern)) return deepEqual(value, pattern);
  if (isOperatorObject(pattern)) return Object.entries(pattern).every(([op, arg]) => OPERATORS[op](value, arg));
  if (value === null || typeof value !== "object") return false;
  return Object.entries(pattern).every(([key, sub]) => matches(value[key], sub));
}

/** Whether an event is of `type` (a string or a list) and matches `where`. */
export function eventMatches(event, { type, where }) {
  if (type !== undefined && !(Array.isArray(type) ? type.includes(event.type) : event.type === type)) return false;
  return where === undefined || matches(event, where);
}

export function describe({ type, where }) {
  return `${Array.isArray(type) ? type.join("|") : type ?? "any event"}${where ? ` where ${JSON.stringify(where)}` : ""}`;
}
