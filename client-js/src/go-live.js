// The page's side of a recording: opens the camera or a share, records it into a LiveSource,
// shows what is being recorded (a small preview) and the Stop button while it records, and
// releases the camera or the share once the recording is over, however it ended.
import { LiveSource } from "./live-source.js";
import { Recording, captureProblem, openCapture, recorderType, recordingName } from "./recorder.js";

export class GoLive {
  /**
   * @param {{preview: HTMLVideoElement, stop: HTMLButtonElement, problem: (text: string, during: boolean) => void,
   *          ended: () => void}} o `problem`: why it cannot record (`during`: the recording was going);
   *          `ended`: the recording is over
   */
  constructor({ preview, stop, problem, ended }) {
    Object.assign(this, { preview, stopButton: stop, problem, ended });
    this.recording = null;
    this.kind = null;
  }

  /** Whether the recorder is recording now. */
  get active() {
    return Boolean(this.recording?.recording);
  }

  /** What the recorder records (a MIME type), while it records. */
  get type() {
    return this.recording?.type ?? null;
  }

  /** The upload's name, from what is recorded. */
  get name() {
    return recordingName(this.kind, this.type ?? "");
  }

  /** Opens `kind` ("camera" or "screen") and starts recording it: the source it grows, or null (the problem told). */
  async open(kind) {
    if (typeof MediaRecorder !== "function") {
      this.problem("This browser cannot record video (it has no MediaRecorder), so it cannot go live.", false);
      return null;
    }
    let stream;
    try {
      stream = await openCapture(kind);
    } catch (error) {
      this.problem(captureProblem(kind, error), false);
      return null;
    }
    const source = new LiveSource();
    try {
      this.recording = new Recording(stream, {
        source,
        type: recorderType((type) => MediaRecorder.isTypeSupported(type)),
        onProblem: (text) => this.problem(text, true),
        onEnded: () => this.over(),
      });
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      this.problem(`This browser could not record ${kind === "camera" ? "the camera" : "the screen"}: ${error.message}`, false);
      return null;
    }
    this.kind = kind;
    this.preview.srcObject = stream;
    this.preview.hidden = false;
    this.preview.play().catch(() => {});
    Object.assign(this.stopButton, { hidden: false, disabled: false, textContent: "Stop recording" });
    this.recording.start();
    performance.mark("pbp:recording"); // the recording's time 0, about: glass-to-glass is measured from it
    return source;
  }

  /** Stops the recorder (its last piece goes into the source, which ends) and releases the camera or the share. */
  async stop() {
    const current = this.recording;
    if (!current) return;
    Object.assign(this.stopButton, { disabled: true, textContent: "Stopping…" });
    await current.stop();
    this.over();
  }

  /** The recording is over (Stop, the share ended, the camera went away, the session ended). */
  over() {
    if (!this.recording) return;
    this.recording = null;
    this.preview.hidden = true;
    this.preview.srcObject = null;
    this.stopButton.hidden = true;
    this.ended();
  }
}
