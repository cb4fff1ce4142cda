// What each close code and error code means to a person (docs/PROTOCOL.md, "Keep-alive and
// close codes", "Errors and warnings"). Shared by the page and the harness.

const CLOSE_CODES = {
  1000: "The session has finished.",
  1001: "The server is restarting; reconnecting will carry on where it stopped.",
  1006: "The connection was lost.",
  1007: "A message was not valid UTF-8.",
  1009: "A message was too large for the server.",
  1011: "The server hit an internal error.",
  4400: "The server refused a message as malformed or out of order",
  4401: "The access token or resume token was refused.",
  4404: "The server no longer knows this session (it ended or expired).",
  4408: "The connection opened but no hello was sent in time.",
  4409: "This session was opened in another tab or window.",
  4413: "The video is larger than the server accepts.",
  4429: "The server is busy: too many sessions or connections.",
  4503: "The session cannot be reached right now; reconnecting will find it.",
};

/** Close codes after which reconnecting cannot help. */
export const FINAL_CLOSE_CODES = new Set([1000, 4401, 4404, 4409, 4413]);

export function closeMessage(code, reason) {
  const text = CLOSE_CODES[code] ?? `The connection closed with code ${code}.`;
  return reason ? `${text.replace(/\.$/, "")} (${reason}).` : text.endsWith(".") ? text : `${text}.`;
}

const ERROR_CODES = {
  unsupported_media: "The server cannot read this file as a video (mp4/mov, mkv/webm or mpeg-ts).",
  checksum_mismatch: "The uploaded file does not match its checksum; upload it again.",
  detection_failed: "Event detection failed for part of the video; that part gets no events.",
  writing_failed: "Writing commentary failed for part of the video.",
  tts_failed: "A commentary line could not be spoken and was skipped.",
  chunk_failed: "A part of the video could not be made; the rest carries on.",
  provider_unavailable: "A commentary provider is unavailable.",
  commentary_late: "The commentary for a part of the live stream was not ready in time; that part plays with its original sound.",
  internal: "The server hit an internal error.",
  unknown_voice: "The server does not offer that voice.",
  voice_unavailable: "That voice cannot speak right now; the commentary keeps its voice.",
  invalid_args: "The server refused the command's arguments.",
  unknown_command: "The server does not know that command.",
};

/** Codes whose server message already says it all for a person (it names the file and why). */
const SAID_BY_THE_SERVER = new Set(["unsupported_media"]);

export function errorMessage({ code, message, gap_s: gap }) {
  if (SAID_BY_THE_SERVER.has(code) && message) return message.replace(/\.?$/, "."); // as it is: it may start with a file name
  // The same words each time, so repeated warnings count up (×N) instead of stacking.
  if (code === "commentary_late") return ERROR_CODES.commentary_late;
  if (code === "ingest_gap") {
    const seconds = Number.isFinite(gap) ? ` for ${gap.toFixed(1)} s` : "";
    return `The live stream's connection was lost${seconds}; it continues where it stopped, that much later.`;
  }
  const known = ERROR_CODES[code];
  if (known && message) return `${known} (${message})`;
  return known ?? message ?? `Error ${code}.`;
}
