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

/** Fills a <select> with voices grouped by language, keeping `selected`. */
export function fillVoices(select, voices, selected, { withDefault }) {
  select.replaceChildren();
  if (withDefault) select.append(new Option("server default", ""));
  const byLanguage = Map.groupBy ? Map.groupBy(voices, (v) => v.language) : group(voices);
  for (const [language, list] of byLanguage) {
    const optgroup = document.createElement("optgroup");
    optgroup.label = language;
    for (const voice of list) optgroup.append(new Option(voice.id, voice.id, false, voice.id === selected));
    select.append(optgroup);
  }
}

export function fillLanguages(select, languages, selected) {
  select.replaceChildren(new Option("server default", ""));
  for (const language of languages) select.append(new Option(language, language, false, language === selected));
}

function group(voices) {
  const map = new Map();
  for (const voice of voices) map.set(voice.language, [...(map.get(voice.language) ?? []), voice]);
  return map;
}

export function message(kind, text) {
  const p = document.createElement("p");
  p.className = kind;
  p.textContent = text;
  const box = $("messages");
  box.append(p);
  while (box.children.length > 4) box.firstElementChild.remove();
}

export function clearMessages() {
  $("messages").replaceChildren();
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
