// The page's controls and messages: the setup form (file by picker or drop, options), the
// progress bars, announcements for screen readers, and error messages.
const $ = (id) => document.getElementById(id);

export const elements = new Proxy({}, { get: (_, id) => $(id) });

/** Calls `chosen(file)` when a file is picked or dropped on `zone`. */
export function watchFileChoice(input, zone, chosen) {
  input.addEventListener("change", () => input.files[0] && chosen(input.files[0]));
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const file = event.dataTransfer.files[0];
    if (file) chosen(file);
  });
}

/** A language code's name for people ("fr" → "French"), else the code. */
export function languageName(code) {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(code);
    if (name) return name;
  } catch {
    // Not a code Intl knows (espeak has a few of its own).
  }
  return code;
}

/**
 * Fills a <select> with voices grouped by language (optgroups with the language's name, each
 * voice by its human name), keeping `selected`. The `first` languages (the ones the commentary
 * is written in) come first, the rest by name.
 */
export function fillVoices(select, voices, selected, { withDefault, first = [] }) {
  select.replaceChildren();
  if (withDefault) select.append(new Option("server default", ""));
  const byLanguage = Map.groupBy ? Map.groupBy(voices, (v) => v.language) : group(voices);
  const rank = (code) => (first.includes(code) ? first.indexOf(code) : first.length);
  const languages = [...byLanguage.keys()].sort((a, b) => rank(a) - rank(b) || languageName(a).localeCompare(languageName(b)));
  for (const language of languages) {
    const optgroup = document.createElement("optgroup");
    optgroup.label = languageName(language);
    for (const voice of byLanguage.get(language)) {
      const label = voice.provider === "piper" ? `${voice.name ?? voice.id} (neural)` : voice.name ?? voice.id;
      optgroup.append(new Option(label, voice.id, false, voice.id === selected));
    }
    select.append(optgroup);
  }
}

export function fillLanguages(select, languages, selected) {
  select.replaceChildren(new Option("server default", ""));
  for (const language of languages) select.append(new Option(languageName(language), language, false, language === selected));
}

function group(voices) {
  const map = new Map();
  for (const voice of voices) map.set(voice.language, [...(map.get(voice.language) ?? []), voice]);
  return map;
}

/** Where a message shows: next to what it is about. */
const PLACES = { page: "messages", session: "session-messages", player: "player-messages", controls: "control-messages" };

/**
 * Shows a message next to what it is about (`place`: "page" above everything, "session" under
 * the progress, "player" under the picture, "controls" under the buttons). The same text again
 * is not stacked: its count goes up. A message with a `key` replaces the one before with that
 * key and goes away with `resolve(key)` (a lost connection, once reconnected).
 */
export function message(kind, text, key, place = "page") {
  const box = $(PLACES[place] ?? PLACES.page);
  const existing = [...box.children].find((p) => (key ? p.dataset.key === key : !p.dataset.key && p.dataset.text === text));
  if (existing && existing.dataset.text === text) {
    const count = Number(existing.dataset.count ?? 1) + 1;
    existing.dataset.count = String(count);
    existing.textContent = `${text} (×${count})`;
    box.append(existing);
    return;
  }
  existing?.remove();
  const p = document.createElement("p");
  p.className = kind;
  if (kind === "error") p.setAttribute("role", "alert");
  p.textContent = text;
  p.dataset.text = text;
  if (key) p.dataset.key = key;
  box.append(p);
  while (box.children.length > 4) box.firstElementChild.remove();
}

/** Removes the messages shown under `key`, wherever they are. */
export function resolve(key) {
  for (const p of document.querySelectorAll(".messages p")) if (p.dataset.key === key) p.remove();
}

export function clearMessages() {
  for (const box of document.querySelectorAll(".messages")) box.replaceChildren();
}

let lastAnnounced = 0;
/** Says `text` through the polite live region, at most every 3 s unless `force`. */
export function announce(text, force = false) {
  const now = performance.now();
  if (!force && now - lastAnnounced < 3000) return;
  lastAnnounced = now;
  $("announce").textContent = text;
}

export function formatBytes(n) {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Upload speed over the last few seconds of acknowledged bytes. */
export class SpeedMeter {
  constructor() { this.samples = []; }

  add(bytes, at = performance.now()) {
    this.samples.push({ bytes, at });
    while (this.samples.length > 2 && at - this.samples[0].at > 3000) this.samples.shift();
    const first = this.samples[0];
    const seconds = (at - first.at) / 1000;
    return seconds > 0.2 ? (bytes - first.bytes) / seconds : null;
  }
}
