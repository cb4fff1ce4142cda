// The player's own control bar: play/pause, a scrub bar that is also the timeline (ready,
// in progress, not made yet drawn on it), the time, captions, sound and full screen. It is a
// slider for the keyboard and screen readers; a seek anywhere goes through `seek(t)`, which
// the page turns into a reprioritise when that part is not made yet.
import { clock } from "./timeline.js";

const STEP_S = 5; // arrow keys
const PAGE_S = 30; // Page Up / Page Down

// Icons drawn here, not taken from a font: a browser without an emoji font shows them too.
const svg = (path) => `<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor">${path}</svg>`;
const ICONS = {
  play: svg(`<path d="M7 4.5v15l12.5-7.5z"/>`),
  pause: svg(`<path d="M6 4.5h4v15H6zM14 4.5h4v15h-4z"/>`),
  sound: svg(`<path d="M3 9h4l5-4.5v15L7 15H3z"/><path d="M15 8.5a5 5 0 0 1 0 7M17.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2"/>`),
  muted: svg(`<path d="M3 9h4l5-4.5v15L7 15H3z"/><path d="M15.5 9l6 6M21.5 9l-6 6" fill="none" stroke="currentColor" stroke-width="2"/>`),
  fullscreen: svg(`<path d="M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6" fill="none" stroke="currentColor" stroke-width="2.2"/>`),
};

const STATE_WORDS = { done: "ready", "in-progress": "being made", pending: "not made yet", failed: "failed", stopped: "not made" };

export class PlayerControls {
  /**
   * @param {{video: HTMLVideoElement, stage: HTMLElement, scrub: HTMLElement, played: HTMLElement, head: HTMLElement,
   *          play: HTMLButtonElement, time: HTMLElement, captions: HTMLButtonElement, mute: HTMLButtonElement,
   *          fullscreen: HTMLButtonElement}} parts
   * @param {{total: () => number, stateAt: (t: number) => string | undefined, seek: (t: number) => void,
   *          shown: () => number}} model where the bar ends, the state at a time, a seek, and the time to draw
   *          (a seek waiting for its part is drawn where it goes)
   */
  constructor(parts, model) {
    Object.assign(this, parts, { model });
    this.captionsOn = true;
    this.dragging = null;
    this.video.controls = false;
    this.play.addEventListener("click", () => this.toggle());
    this.mute.addEventListener("click", () => { this.video.muted = !this.video.muted; this.paint(); });
    this.captions.addEventListener("click", () => this.showCaptions(!this.captionsOn));
    this.fullscreen.addEventListener("click", () => this.toggleFullscreen());
    this.video.addEventListener("click", () => this.toggle());
    for (const name of ["play", "pause", "timeupdate", "durationchange", "volumechange", "seeking"]) {
      this.video.addEventListener(name, () => this.paint());
    }
    document.addEventListener("fullscreenchange", () => this.paint());
    this.scrub.addEventListener("pointerdown", (event) => this.grab(event));
    this.scrub.addEventListener("pointermove", (event) => this.hover(event));
    this.scrub.addEventListener("pointerup", (event) => this.release(event));
    this.scrub.addEventListener("pointercancel", () => { this.dragging = null; this.paint(); });
    this.scrub.addEventListener("keydown", (event) => this.key(event));
    this.stage.addEventListener("keydown", (event) => {
      if (event.target === this.scrub || event.target.closest?.("button")) return;
      if (event.key === " " || event.key === "k") { event.preventDefault(); this.toggle(); }
    });
    this.paint();
  }

  toggle() {
    if (this.video.paused) this.video.play().catch(() => {});
    else this.video.pause();
  }

  /** Captions on or off; a track added later follows the choice. */
  showCaptions(on) {
    this.captionsOn = on;
    for (const track of this.video.textTracks) track.mode = on ? "showing" : "hidden";
    this.paint();
  }

  get captionsMode() {
    return this.captionsOn ? "showing" : "hidden";
  }

  toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else this.stage.requestFullscreen?.().catch(() => {});
  }

  /** The time under a pointer on the bar. */
  timeAt(event) {
    const box = this.scrub.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / Math.max(1, box.width)));
    return fraction * this.model.total();
  }

  grab(event) {
    if (event.button !== 0 || !(this.model.total() > 0)) return;
    this.scrub.setPointerCapture?.(event.pointerId);
    this.scrub.focus();
    this.dragging = this.timeAt(event);
    this.paint();
  }

  hover(event) {
    const t = this.timeAt(event);
    this.scrub.title = `${clock(t)} · ${STATE_WORDS[this.model.stateAt(t)] ?? ""}`.replace(/ · $/, "");
    if (this.dragging === null) return;
    this.dragging = t;
    this.paint();
  }

  /** A drag seeks once, where it ends: a seek per pixel would ask for parts the viewer only passed over. */
  release(event) {
    if (this.dragging === null) return;
    const t = this.timeAt(event);
    this.dragging = null;
    this.model.seek(t);
    this.paint();
  }

  key(event) {
    const now = this.model.shown();
    const total = this.model.total();
    const to = {
      ArrowLeft: now - STEP_S, ArrowDown: now - STEP_S, ArrowRight: now + STEP_S, ArrowUp: now + STEP_S,
      PageDown: now - PAGE_S, PageUp: now + PAGE_S, Home: 0, End: total,
    }[event.key];
    if (to === undefined) {
      if (event.key === " " || event.key === "k") { event.preventDefault(); this.toggle(); }
      return;
    }
    event.preventDefault();
    this.model.seek(Math.min(Math.max(0, to), Math.max(0, total - 0.05)));
    this.paint();
  }

  /** Draws the playhead, the time, and the buttons' states. */
  paint() {
    const total = this.model.total();
    const t = this.dragging ?? this.model.shown();
    const share = total > 0 ? Math.min(100, (t / total) * 100) : 0;
    this.played.style.width = `${share}%`;
    this.head.style.left = `${share}%`;
    const end = total > 0 ? clock(total) : "–:––";
    this.time.textContent = `${clock(t)} / ${end}`;
    this.scrub.setAttribute("aria-valuemin", "0");
    this.scrub.setAttribute("aria-valuemax", String(Math.round(total)));
    this.scrub.setAttribute("aria-valuenow", String(Math.round(t)));
    const state = STATE_WORDS[this.model.stateAt(t)];
    this.scrub.setAttribute("aria-valuetext", `${clock(t)} of ${end}${state ? `, ${state}` : ""}`);
    const paused = this.video.paused;
    this.icon(this.play, paused ? "play" : "pause");
    this.play.setAttribute("aria-label", paused ? "Play" : "Pause");
    this.icon(this.mute, this.video.muted ? "muted" : "sound");
    this.mute.setAttribute("aria-label", this.video.muted ? "Sound on" : "Mute");
    this.mute.setAttribute("aria-pressed", String(this.video.muted));
    this.captions.setAttribute("aria-pressed", String(this.captionsOn));
    this.fullscreen.setAttribute("aria-pressed", String(Boolean(document.fullscreenElement)));
    this.icon(this.fullscreen, "fullscreen");
  }

  /** Puts icon `name` in `button` (only when it changes: a button's content is not rebuilt on every frame). */
  icon(button, name) {
    if (button.dataset.icon === name) return;
    button.dataset.icon = name;
    button.innerHTML = ICONS[name];
  }
}
