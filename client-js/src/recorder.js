// Going live from the page: a camera (getUserMedia), a screen or a tab (getDisplayMedia),
// recorded with MediaRecorder into a LiveSource that the uploader sends as it grows. H.264 is
// preferred (the server stream-copies it); a browser that records only VP8/VP9 still sends
// its recording and the server says plainly that it cannot take it.

// In order of preference: H.264 in Matroska/WebM first (Chromium), then fragmented MP4, then
// what every recorder has. Chromium 156 records H.264 for all of the first six and names the
// result video/x-matroska;codecs=avc1,opus.
export const RECORDER_TYPES = [
  "video/webm;codecs=h264,opus",
  "video/x-matroska;codecs=avc1,opus",
  "video/webm;codecs=avc1,opus",
  "video/webm;codecs=h264",
  "video/x-matroska;codecs=avc1",
  "video/webm;codecs=avc1",
  "video/mp4;codecs=avc1,mp4a.40.2",
  "video/mp4;codecs=avc1,opus",
  "video/webm;codecs=vp9,opus",
  "video/webm;codecs=vp8,opus",
  "video/webm",
];

const TIMESLICE_MS = 250; // a piece of the recording every quarter second
const KEYFRAME_MS = 1000; // a keyframe every second: chunks end on keyframes
const VIDEO_BPS = 2_500_000;

/** The first of RECORDER_TYPES the browser records, or "" (the recorder's own default). */
export function recorderType(isTypeSupported) {
  return RECORDER_TYPES.find((type) => isTypeSupported(type)) ?? "";
}

/** Whether a recorder's type carries H.264, which the server takes. */
export const isH264 = (type) => /avc1|avc3|h264/i.test(type);

/** A name for the upload, its extension from the recorder's type (the server sniffs the bytes anyway). */
export function recordingName(kind, type) {
  const extension = /matroska/.test(type) ? "mkv" : /mp4/.test(type) ? "mp4" : "webm";
  return `${kind}.${extension}`;
}

const CAPTURES = {
  camera: () => navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
                                                       audio: true }),
  screen: () => navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 30 } }, audio: true }),
};

/** Opens the camera (with its microphone when there is one) or asks which screen or tab to share. */
export async function openCapture(kind) {
  if (!navigator.mediaDevices) throw new Error("this page is not on https or localhost, so the browser offers no camera or screen");
  try {
    return await CAPTURES[kind]();
  } catch (error) {
    // A camera without a microphone: the picture alone.
    if (kind === "camera" && error.name === "NotFoundError") {
      return navigator.mediaDevices.getUserMedia({ video: true });
    }
    throw error;
  }
}

/** Why a capture did not open, for a person. */
export function captureProblem(kind, error) {
  const what = kind === "camera" ? "the camera" : "a screen or tab";
  if (error.name === "NotAllowedError") return `The browser was not allowed to use ${what}. Allow it in the address bar and try again.`;
  if (error.name === "NotFoundError") return `No ${kind === "camera" ? "camera" : "screen"} was found.`;
  if (error.name === "NotReadableError") return `${what[0].toUpperCase()}${what.slice(1)} is in use by another program.`;
  return `Could not open ${what}: ${error.message}`;
}

export class Recording {
  /**
   * @param {MediaStream} stream what to record
   * @param {{source: import("./live-source.js").LiveSource, type: string, onProblem: (text: string) => void,
   *          onEnded: () => void}} o `onEnded`: the recording stopped by itself (the shared tab closed, the camera
   *          went away, the backlog filled)
   */
  constructor(stream, { source, type, onProblem, onEnded }) {
    Object.assign(this, { stream, source, onProblem, onEnded });
    const options = { videoBitsPerSecond: VIDEO_BPS, videoKeyFrameIntervalDuration: KEYFRAME_MS };
    if (type) options.mimeType = type;
    this.recorder = new MediaRecorder(stream, options);
    this.appended = Promise.resolve(); // the pieces, appended in the order they were recorded
    this.stopped = null;
    this.recorder.addEventListener("dataavailable", ({ data }) => this.take(data));
    this.recorder.addEventListener("error", (event) => {
      this.onProblem(`The recording failed: ${event.error?.message ?? "the browser's recorder stopped"}.`);
      this.stop().then(() => this.onEnded());
    });
    for (const track of stream.getTracks()) {
      track.addEventListener("ended", () => { if (!this.stopped) this.stop().then(() => this.onEnded()); });
    }
  }

  /** What the recorder actually records (it may name the container its own way). */
  get type() {
    return this.recorder.mimeType;
  }

  get recording() {
    return this.recorder.state === "recording";
  }

  start() {
    this.recorder.start(TIMESLICE_MS);
  }

  take(blob) {
    if (!blob.size) return;
    this.appended = this.appended.then(async () => {
      if (this.source.error || this.source.ended) return;
      try {
        this.source.append(new Uint8Array(await blob.arrayBuffer()));
      } catch (error) {
        this.onProblem(`The recording stopped: ${error.message}.`);
        this.stop().then(() => this.onEnded());
      }
    });
  }

  /** Stops recording: the last piece is flushed into the source, which then ends; the camera or share is released. */
  stop() {
    this.stopped ??= new Promise((resolve) => {
      const finish = () => {
        for (const track of this.stream.getTracks()) track.stop();
        this.appended.then(() => {
          this.source.end();
          resolve();
        });
      };
      if (this.recorder.state === "inactive") return finish();
      this.recorder.addEventListener("stop", finish, { once: true });
      this.recorder.stop();
    });
    return this.stopped;
  }
}
