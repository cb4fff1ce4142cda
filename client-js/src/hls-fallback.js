// Playback where Media Source Extensions are missing: the session's HLS playlist in
// <video src>, for browsers that play HLS themselves. The playlist grows while the video is
// made (an EVENT playlist); a player that cannot play it until it ends (Chromium's needs three
// segments and starts at the live edge) gets it again once the session is complete. A browser
// that can play neither gets a message saying so, and the final video (a plain MP4) once it
// is complete.
export const HLS_TYPE = "application/vnd.apple.mpegurl";

const LATER = "The finished video will play here, with a download link, once it is complete.";
export const NO_PLAYER = "This browser has neither Media Source Extensions nor native HLS playback, so it cannot play "
  + `the video while it is being made. ${LATER}`;

export class HLSFallback {
  /** @param {HTMLVideoElement} video @param {{problem: (text: string) => void, notice: (text: string) => void}} on */
  constructor(video, on) {
    Object.assign(this, { video, on });
    this.native = video.canPlayType(HLS_TYPE) !== "";
    this.complete = false;
    if (this.native) video.addEventListener("error", () => this.playlistFailed());
    else on.problem(NO_PLAYER);
  }

  /** chunk_ready: the playlist lists the chunks from the first on, so it is loaded once the first is ready. */
  add(chunk, playlist) {
    this.playlist = playlist;
    if (this.native && !this.src && chunk.index === 0) this.load(playlist);
  }

  /** complete (with its final video), cancelled or a fatal error: the ended playlist, or the final MP4. */
  finish(finalVideo) {
    this.complete = true;
    this.finalVideo = finalVideo;
    if (!this.native) {
      if (finalVideo) this.load(finalVideo);
    } else if (this.stalled && this.playlist) {
      this.stalled = false;
      this.load(this.playlist, this.resumeAt);
    }
  }

  /** Plays `url` from `at` seconds. */
  load(url, at = 0) {
    this.src = url;
    this.video.src = url;
    if (at > 0) this.video.addEventListener("loadedmetadata", () => { this.video.currentTime = at; }, { once: true });
    this.video.play().catch(() => {});
  }

  playlistFailed() {
    const error = this.video.error;
    if (!error || this.src !== this.playlist) return;
    const reason = error.message || `media error ${error.code}`;
    if (!this.complete) {
      this.stalled = true;
      this.resumeAt = this.video.currentTime;
      this.on.notice(`This browser's HLS player cannot play the video while it is being made (${reason}). ${LATER}`);
      return;
    }
    this.on.problem(`This browser could not play the video's HLS playlist (${reason}).`
      + (this.finalVideo ? " The finished MP4 plays instead; the download link is below." : ""));
    if (this.finalVideo) this.load(this.finalVideo);
  }
}
