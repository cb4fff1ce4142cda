// Wires the page together: the setup form starts a PageSession (of a file, or live from a
// camera or screen); its events drive the player, the timeline and the progress; seeking into
// unfinished work reprioritises it; a live session's player follows the live edge.
import { PlayerControls } from "./controls.js";
import { LiveEdge } from "./live-edge.js";
import { LiveView } from "./live-view.js";
import { errorMessage } from "./messages.js";
import { Player } from "./player.js";
import { GoLive } from "./go-live.js";
import { isH264 } from "./recorder.js";
import { PageSession } from "./session.js";
import { SessionStore } from "./storage.js";
import { Timeline, clock } from "./timeline.js";
import { fillSports } from "./sports.js";
import { SpeedMeter, announce, clearMessages, elements as $, fillLanguages, fillVoices, formatBytes, message, resolve, watchFileChoice } from "./ui.js";

const VOICES_KEY = "playbyplay.voices";
const VOICE_KEY = "playbyplay.voice";
const POSITION_KEY = "playbyplay.position"; // {session, t}: where the viewer was, for a reload
const socketURL = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/v1/session`;
const store = new SessionStore();
const speed = new SpeedMeter();
const requested = new Set(); // intervals reprioritised by a seek
let chosenFile = null;
let highlights = false;
let captions = null;
let sessionId = null;
/** A seek waiting for its part (or after a reload, the viewer's position): where to go once its chunk is here. */
let pendingSeek = null;
/** A media_info has come: there is a video to show. */
let mediaSeen = false;
/** The session is live (its media_info said so), until it completes. */
let live = false;
const liveEdge = new LiveEdge();

const player = new Player($.video, {
  firstFrame: () => {
    performance.mark("pbp:first-frame");
    announce("The commentated video is playing.", true);
  },
  problem: (text) => message("error", text, "playback", "player"),
  notice: (text) => message("info", text, "playback", "player"),
});
const timeline = new Timeline({ list: $.timeline, events: $.events, lines: $.lines, seek: seekSource });
const liveView = new LiveView({ video: $.video, button: $.live, edge: liveEdge, canPlay: (t) => player.readyAt(t) });
const recorder = new GoLive({
  preview: $.preview,
  stop: $["stop-live"],
  problem: (text, during) => (during ? message("error", text, "recording", "session") : message("error", text)),
  ended: () => streamed(session.uploader?.acked ?? 0),
});
const controls = new PlayerControls(
  { video: $.video, stage: $.stage, scrub: $.scrub, played: $.played, head: $.head, play: $.play, time: $.time,
    captions: $.captions, mute: $.mute, fullscreen: $.fullscreen },
  {
    total: () => (highlights ? (Number.isFinite($.video.duration) ? $.video.duration : 0) : timeline.total),
    stateAt: (t) => (highlights ? "done" : timeline.stateAt(t)),
    seek: seekTo,
    shown: () => pendingSeek ?? $.video.currentTime,
  },
);
const session = new PageSession({
  url: socketURL,
  store,
  on: {
    event: handle,
    welcome: welcomed,
    upload: uploaded,
    notice: (kind, text, key) => message(kind, text, key, "session"),
    refused: (text) => {
      recorder.stop();
      message("error", `The session did not start. ${text}`);
      $.setup.hidden = false;
      $.run.hidden = true;
    },
    needFile: ({ name, size }) => {
      $["need-file"].hidden = false;
      $["need-file-text"].textContent = `The upload of "${name}" (${formatBytes(size)}) is not finished. Choose the same file to continue it.`;
    },
  },
});

function cachedVoices() {
  try { return JSON.parse(localStorage.getItem(VOICES_KEY) ?? "[]"); } catch { return []; }
}

/** The languages the server writes in (GET /v1/options): their voices are listed first. */
let writingLanguages = ["en", "es"];

function fillOptions(voices, languages = [...new Set(voices.map((v) => v.language))].sort()) {
  if (!voices.length) return;
  fillVoices($.voice, voices, $.voice.value, { withDefault: true, first: writingLanguages });
  fillLanguages($.language, languages, $.language.value);
}

/** The server's voices and writing languages (GET /v1/options), before any session. */
async function loadServerOptions() {
  try {
    const response = await fetch("/v1/options");
    if (!response.ok) return;
    const options = await response.json();
    localStorage.setItem(VOICES_KEY, JSON.stringify(options.voices ?? []));
    if (options.languages?.length) writingLanguages = options.languages;
    fillOptions(options.voices ?? [], options.languages ?? []);
    fillSports($.sport, options.sports ?? [], $.sport.value);
  } catch {
    // An older server or no network yet: the voices remembered from the last welcome stay.
  }
}

function welcomed(welcome) {
  resolve("connection");
  sessionId = welcome.session;
  localStorage.setItem(VOICES_KEY, JSON.stringify(welcome.voices ?? []));
  const current = $["change-voice"].value || localStorage.getItem(VOICE_KEY) || "en-us";
  fillVoices($["change-voice"], welcome.voices ?? [], current, { withDefault: false, first: writingLanguages });
  if (welcome.upload.complete) $["need-file"].hidden = true;
  if (welcome.finished) message("info", endedText(), "ended", "session");
  else announce("Connected.", true);
}

/** What a reopened, finished session says, from how it ended. */
function endedText() {
  const last = session.events.findLast?.((e) => e.type === "complete" || e.type === "cancelled" || (e.type === "error" && e.fatal));
  if (last?.type === "complete") return "This session has finished; its results are below.";
  if (last?.type === "cancelled") return "This session was cancelled; what was made is below.";
  if (last?.type === "error") return "This session ended with the error shown above; start a new session to try again.";
  return "This session has ended.";
}

function uploaded(acked, size) {
  if (size === null) return streamed(acked);
  const percent = size ? Math.floor((acked / size) * 100) : 0;
  const rate = speed.add(acked);
  $["upload-bar"].value = percent;
  $["upload-text"].textContent = `${percent} % · ${formatBytes(acked)} of ${formatBytes(size)}${rate ? ` · ${formatBytes(rate)}/s` : ""}`;
  if (acked >= size) {
    $["need-file"].hidden = true;
    if (!performance.getEntriesByName("pbp:upload-done").length) performance.mark("pbp:upload-done");
  }
  announce(`Upload ${percent} percent.`, acked >= size);
}

/** A live recording's upload: how much the server has, the recording going on or over. */
function streamed(acked) {
  const rate = speed.add(acked);
  if (!recorder.active && session.uploader?.complete) $["upload-bar"].value = 100;
  else $["upload-bar"].removeAttribute("value"); // no end to measure against while it records
  const state = recorder.active ? "recording" : session.uploader?.complete ? "all sent" : "sending the rest";
  $["upload-text"].textContent = `${state} · ${formatBytes(acked)} sent${rate ? ` · ${formatBytes(rate)}/s` : ""}`;
}

function handle(event) {
  switch (event.type) {
    case "status":
      $["work-bar"].value = event.progress;
      $["work-text"].textContent = `${Math.round(event.progress)} % · ${event.message}`;
      announce(`${event.stage}: ${Math.round(event.progress)} percent.`);
      break;
    case "media_info":
      mediaSeen = true;
      if (event.live) goneLive(event);
      // Highlights play one after another: the source timeline's intervals are not the video's.
      // A video read as it arrives has no duration yet: a second media_info brings it.
      // A live session's intervals are all interval_s long.
      if (!highlights) timeline.layout(event.live ? { ...event, first_interval_s: event.interval_s } : event);
      // The picture's shape before its first frame: no grey box of the wrong size.
      if (event.width > 0 && event.height > 0) $.video.style.aspectRatio = `${event.width} / ${event.height}`;
      player.configure({ duration: event.duration, highlights, playlist: event.playlist });
      if (event.duration != null) player.setDuration(event.duration);
      controls.paint();
      break;
    case "poster":
      $.video.poster = event.url;
      break;
    case "events_detected":
      timeline.addEvents(event);
      timeline.mark(event.start, event.end, "in-progress");
      break;
    case "commentary_ready":
      timeline.addLine(event);
      if (!highlights) addCaption(event);
      break;
    case "chunk_ready":
      if (!performance.getEntriesByName("pbp:first-chunk").length) performance.mark("pbp:first-chunk");
      player.configure({ highlights });
      liveEdge.chunk(event, performance.now());
      player.add(event);
      if (!highlights) timeline.mark(event.start, event.end, "done");
      if (pendingSeek !== null && event.start <= pendingSeek + 1e-3 && pendingSeek < event.end) {
        $.video.currentTime = pendingSeek;
        pendingSeek = null;
      }
      controls.paint();
      break;
    case "command_result":
      commandResult(event);
      break;
    case "warning":
      message("warning", errorMessage(event), undefined, event.interval !== undefined ? "player" : "session");
      break;
    case "error":
      message("error", errorText(event), undefined, event.fatal ? "session" : "player");
      if (event.interval !== undefined) timeline.markInterval(event.interval, "failed");
      if (event.index !== undefined) player.skip(event.index);
      if (event.fatal) {
        $["work-text"].textContent = "stopped · the session ended with an error";
        finished();
      }
      break;
    case "complete":
      if (event.final_video) {
        $.download.href = event.final_video;
        $.download.hidden = false;
      } else {
        message("warning", "A part of the video failed, so there is no final video; the parts that worked play above.", undefined, "session");
      }
      $["work-bar"].value = 100;
      $["work-text"].textContent = `100 % · complete in ${(event.stats.total_ms / 1000).toFixed(1)} s`;
      announce("Complete: the whole video is commentated.", true);
      finished(event.final_video);
      break;
    case "cancelled":
      message("info", `Cancelled. ${event.chunks} parts were made and still play.`, undefined, "session");
      $["work-text"].textContent = `cancelled · ${event.chunks} parts made`;
      if (event.partial_video) {
        $.download.href = event.partial_video;
        $.download.textContent = `Download what was made (${event.chunks} parts)`;
        $.download.hidden = false;
      }
      finished();
      break;
  }
}

/** An error, for a person; a live recording the server cannot take names what this browser recorded. */
function errorText(event) {
  const text = errorMessage(event);
  const type = recorder.type ?? session.identity?.type;
  if (event.code !== "unsupported_media" || !session.identity?.live || !type) return text;
  const why = isH264(type) ? "" : " The server takes H.264 video; this browser's recorder offers none, so it cannot go live here.";
  return `This browser records ${type}, which the server cannot take: ${text}${why}`;
}

/** A live session's media_info: the player follows the live edge, a reload does not go back to where it was. */
function goneLive(event) {
  live = true;
  pendingSeek = null;
  liveEdge.configure(event);
  liveView.start();
  $.legend.hidden = true;
}

/** The session's end: the player knows no more chunks come, nothing is left in progress. */
function finished(finalVideo) {
  recorder.stop();
  liveView.stop();
  live = false;
  if (!finalVideo) timeline.stop();
  // Ended before there was any video to show (a file refused on its first bytes): no empty player.
  if (!mediaSeen) $.stage.hidden = true;
  pendingSeek = null;
  $.making.hidden = true;
  controls.paint();
  player.finish(finalVideo);
  $.cancel.disabled = true;
  $["apply-voice"].disabled = true;
}

function commandResult({ name, ok, result, error }) {
  if (!ok) return message("error", `${name.replace("_", " ")}: ${errorMessage(error)}`, name, "controls");
  resolve(name);
  if (name === "change_voice") {
    localStorage.setItem(VOICE_KEY, result.voice);
    if ([...$["change-voice"].options].some((o) => o.value === result.voice)) $["change-voice"].value = result.voice;
    message("info", `The voice is ${result.voice} from interval ${result.from_interval} on.`, name, "controls");
  }
  if (name === "reprioritise_interval" && result.state !== "done") {
    timeline.markInterval(result.interval, "in-progress");
    announce(`Working on ${clock(timeline.start(result.interval))} next.`, true);
  }
}

function addCaption({ start, end, text }) {
  captions ??= $.video.addTextTrack("captions", "Commentary", $.language.value || "en");
  captions.mode = controls.captionsMode;
  if (typeof VTTCue !== "function") return;
  const cue = new VTTCue(start, end, text);
  captions.addCue(cue);
}

/** An event or line chosen: source time `t`, which in highlights is where its highlight plays. */
function seekSource(t) {
  const at = player.mediaTime(t);
  if (at === null) return message("info", "That moment is not in the highlights made so far.", "seek", "player");
  resolve("seek");
  $.video.currentTime = at;
}

/**
 * A seek from the player's bar: a part that is made plays at once; one that is not is pulled to
 * the front of the queue and played once its chunk is here (the video may not reach that far yet).
 */
function seekTo(t) {
  if (live) return seekLive(t);
  if (!unmade(t)) {
    pendingSeek = null;
    $.video.currentTime = t;
    return;
  }
  pendingSeek = t;
  request(t);
  if (t < ($.video.duration || 0)) $.video.currentTime = t;
}

/** Live: a seek to the edge (or past it: not recorded yet) goes to live; one back in time stays there. */
function seekLive(t) {
  if (liveView.atEdge(t) || !player.readyAt(t)) return liveView.goLive();
  liveView.leave();
  $.video.currentTime = t;
}

/** A seek by other means (the keyboard on the video, a script) into time that is not made yet does the same. */
function seeked() {
  if (live) return; // nothing to ask for: a live session's parts are made as they are recorded
  const t = $.video.currentTime;
  if (unmade(t)) request(t);
}

/** Whether `t` is source time no chunk covers yet (highlights have no source timeline to ask for). */
function unmade(t) {
  return !highlights && Boolean(timeline.step) && !player.readyAt(t);
}

/** Asks for the part at `t` first, once per interval; the picture says it is being made. */
function request(t) {
  $.making.hidden = false;
  const k = timeline.intervalAt(t);
  if (k < 0 || requested.has(k) || timeline.stateAt(t) === "done") return;
  if (session.command("reprioritise_interval", { at: t })) {
    requested.add(k);
    timeline.markInterval(k, "in-progress");
  }
}

/** Playback moved on: the position is kept for a reload, the "making it" note goes once it plays. */
let positionSaved = 0;
function played() {
  const t = $.video.currentTime;
  if (!$.making.hidden && pendingSeek === null && player.readyAt(t)) $.making.hidden = true;
  const now = performance.now();
  if (sessionId && t > 0 && !live && now - positionSaved > 1000) {
    positionSaved = now;
    localStorage.setItem(POSITION_KEY, JSON.stringify({ session: sessionId, t }));
  }
}

function showRun() {
  $.setup.hidden = true;
  $.run.hidden = false;
  $.scrub.classList.toggle("reel", highlights);
  $.timeline.hidden = highlights;
  $.legend.hidden = highlights;
}

function chooseFile(file) {
  performance.clearMarks();
  performance.mark("pbp:file-chosen");
  chosenFile = file;
  $["drop-text"].textContent = `${file.name} (${formatBytes(file.size)})`;
  $.start.disabled = false;
}

async function start(event) {
  event.preventDefault();
  if (!chosenFile) return message("error", "Choose a video first.");
  clearMessages();
  const options = { output: $.output.value };
  if ($.sport.value !== "soccer") options.sport = $.sport.value;
  if ($.voice.value) options.voice = $.voice.value;
  if ($.language.value) options.language = $.language.value;
  const interval = Number($.interval.value);
  if (!(interval >= 5 && interval <= 120)) return message("error", "The interval must be between 5 and 120 seconds.");
  if (interval !== 30) options.interval_s = interval;
  localStorage.setItem(VOICE_KEY, options.voice ?? "en-us");
  localStorage.removeItem(POSITION_KEY);
  highlights = options.output === "highlights";
  player.highlights = highlights;
  localStorage.setItem("playbyplay.output", options.output);
  showRun();
  performance.mark("pbp:start");
  await session.start(chosenFile, options);
}

/** Records the camera or a screen and starts a live session of it. */
async function goLive(kind) {
  clearMessages();
  performance.clearMarks();
  const source = await recorder.open(kind);
  if (!source) return;
  const options = {};
  if ($.sport.value !== "soccer") options.sport = $.sport.value;
  if ($.voice.value) options.voice = $.voice.value;
  if ($.language.value) options.language = $.language.value;
  localStorage.setItem(VOICE_KEY, options.voice ?? "en-us");
  localStorage.removeItem(POSITION_KEY);
  localStorage.setItem("playbyplay.output", "full");
  highlights = false;
  player.highlights = false;
  showRun();
  performance.mark("pbp:start");
  announce(`Recording ${kind === "camera" ? "the camera" : "the screen"}; the commentary follows a few seconds behind.`, true);
  await session.startLive(source, { name: recorder.name, type: recorder.type }, options);
}

/** The Stop button: the last of the recording goes out, then upload_end; the session finishes what it has. */
async function stopLive() {
  if (!recorder.active) return;
  await recorder.stop();
  message("info", "The recording has stopped; the commentary of its last seconds is being finished.", "recording", "session");
}

watchFileChoice($.file, $.drop, chooseFile);
$["live-camera"].addEventListener("click", () => goLive("camera"));
$["live-screen"].addEventListener("click", () => goLive("screen"));
$["stop-live"].addEventListener("click", stopLive);
$.setup.addEventListener("submit", start);
$["same-file"].addEventListener("change", () => {
  try {
    session.provideFile($["same-file"].files[0]);
    resolve("same-file");
  } catch (error) {
    message("error", error.message, "same-file", "session");
  }
});
$.video.addEventListener("seeking", seeked);
$.video.addEventListener("timeupdate", played);
$.cancel.addEventListener("click", () => session.command("cancel"));
$["apply-voice"].addEventListener("click", () => session.command("change_voice", { voice: $["change-voice"].value }));
$["new-session"].addEventListener("click", () => {
  store.clear();
  location.reload();
});

fillOptions(cachedVoices());
loadServerOptions();
const saved = store.load();
if (saved) {
  highlights = localStorage.getItem("playbyplay.output") === "highlights";
  try {
    const position = JSON.parse(localStorage.getItem(POSITION_KEY) ?? "null");
    if (position?.session === saved.session && position.t > 0) pendingSeek = position.t;
  } catch {
    // No position kept: playback starts at the beginning.
  }
  showRun();
  session.restore(saved);
}
