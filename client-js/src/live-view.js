// The player of a live session: it follows the live edge at a steady delay (LiveEdge), says
// that it is live and how far behind, lets the viewer go back (a seek or a pause leaves the
// edge) and come back ("Go to live"). Its own pauses and seeks are told apart from the viewer's.
const TICK_MS = 250;

export class LiveView {
  /**
   * @param {{video: HTMLVideoElement, button: HTMLButtonElement, edge: import("./live-edge.js").LiveEdge,
   *          canPlay: (t: number) => boolean}} o `button`: the live badge, which is also "Go to live";
   *          `canPlay(t)`: a chunk covers `t`
   */
  constructor({ video, button, edge, canPlay }) {
    Object.assign(this, { video, button, edge, canPlay });
    this.active = false;
    this.following = true;
    this.holding = false;
    this.timer = null;
    button.addEventListener("click", () => this.goLive());
    video.addEventListener("pause", () => {
      if (this.active && !this.holding && !this.video.ended) this.leave();
    });
  }

  /** A live session's media_info: follow the edge. */
  start() {
    if (this.active) return;
    this.active = true;
    this.following = true;
    this.button.hidden = false;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  /** The session ended: a recording to watch like any other. */
  stop() {
    if (!this.active) return;
    this.active = false;
    clearInterval(this.timer);
    this.release();
    this.video.playbackRate = 1;
    this.button.hidden = true;
  }

  /** The viewer went back in time (a seek, a pause): the player stays where they are. */
  leave() {
    this.following = false;
    this.release();
    this.video.playbackRate = 1;
    this.paint();
  }

  goLive() {
    if (!this.active) return;
    this.following = true;
    this.tick();
    if (this.video.paused && !this.holding) this.video.play().catch(() => {});
  }

  /** Whether `t` is at the live edge, where a seek means "go to live". */
  atEdge(t, now = performance.now()) {
    return this.edge.known && t >= this.edge.target(now) - 1;
  }

  tick() {
    const now = performance.now();
    if (this.following && this.edge.known) this.steer(now);
    this.paint(now);
  }

  steer(now) {
    const video = this.video;
    const step = this.edge.steer(video.currentTime, now);
    if (step.hold) {
      if (!this.holding && !video.paused) {
        this.holding = true;
        video.pause();
      }
      this.holding = true;
      if (Math.abs(video.currentTime - step.at) > 0.1 && this.canPlay(step.at)) video.currentTime = step.at;
      return;
    }
    this.release();
    if (step.seek !== undefined && this.canPlay(step.seek)) video.currentTime = step.seek;
    video.playbackRate = step.rate ?? 1;
    if (video.paused) video.play().catch(() => {});
  }

  /** Ends a hold: the player may play. */
  release() {
    this.holding = false;
  }

  paint(now = performance.now()) {
    const behind = this.edge.known ? this.edge.behind(this.video.currentTime, now) : null;
    const late = behind === null ? "" : ` · ${behind.toFixed(1)} s behind`;
    this.button.classList.toggle("following", this.following);
    this.button.textContent = this.following ? `● LIVE${late}` : `Go to live${late}`;
    this.button.setAttribute("aria-label", this.following
      ? `Live, ${behind === null ? "starting" : `${behind.toFixed(0)} seconds behind the live picture`}`
      : `Go to live; ${behind === null ? "" : `${behind.toFixed(0)} seconds behind`}`);
    this.button.setAttribute("aria-pressed", String(this.following));
  }
}
