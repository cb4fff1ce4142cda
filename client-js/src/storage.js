// What survives a reload, in localStorage: the session, its resume token, the events seen
// (so the view can be rebuilt without asking the server to replay them) and the identity of
// the file being uploaded (so the page can ask for the same one again).
const KEY = "playbyplay.session";

export class SessionStore {
  constructor(storage = globalThis.localStorage) {
    this.storage = storage;
  }

  load() {
    try {
      const saved = JSON.parse(this.storage.getItem(KEY) ?? "null");
      if (!saved?.session || !saved.resumeToken) return null;
      const events = Array.isArray(saved.events) ? saved.events : [];
      // The events kept must end at lastSeq, or the replay would leave a hole.
      const lastSeq = events.length && events.at(-1).seq === saved.lastSeq ? saved.lastSeq : 0;
      return { ...saved, lastSeq, events: lastSeq ? events : [] };
    } catch {
      return null;
    }
  }

  /** Saves the whole record; when the events no longer fit, keeps the token and drops them. */
  save(record) {
    try {
      this.storage.setItem(KEY, JSON.stringify(record));
    } catch {
      this.storage.setItem(KEY, JSON.stringify({ ...record, events: [], lastSeq: 0 }));
    }
  }

  clear() {
    this.storage.removeItem(KEY);
  }
}

/** Whether `file` is the one a session was started with (same name, size and date). */
export function sameFile(file, identity) {
  return Boolean(identity) && file.name === identity.name && file.size === identity.size
    && (identity.lastModified === undefined || file.lastModified === identity.lastModified);
}

export function fileIdentity(file) {
  return { name: file.name, size: file.size, lastModified: file.lastModified };
}
