// One WebSocket to /v1/session: hello, welcome, numbered events de-duplicated through a
// ResumeState, upload acks passed on. Uses the standard WebSocket (browsers, and Node 20
// with --experimental-websocket), so the page and the harness share it.
import { SUBPROTOCOL, parseMessage, sessionURL } from "./protocol.js";

export class SessionSocket {
  /**
   * @param {object} o
   * @param {string} o.url  ws(s)://host:port/v1/session
   * @param {import("./protocol.js").ResumeState} o.state
   * @param {(message: object, verdict: string) => void} o.onMessage every server message
   *        with "deliver", "duplicate" or "gap" (numbered) or "unnumbered"
   * @param {(code: number, reason: string) => void} o.onClose
   */
  constructor({ url, state, onMessage, onClose }) {
    Object.assign(this, { url, state, onMessage, onClose });
    this.socket = null;
  }

  /** Opens a socket and sends `hello`; resolves with welcome, rejects with {code, reason}. */
  open(hello) {
    const url = sessionURL(this.url, hello.mode === "resume" ? hello.session : null);
    const socket = new WebSocket(url, SUBPROTOCOL);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    return new Promise((resolve, reject) => {
      let welcomed = false;
      socket.onopen = () => socket.send(JSON.stringify(hello));
      socket.onmessage = (frame) => {
        if (typeof frame.data !== "string") return;
        let message;
        try {
          message = parseMessage(frame.data);
        } catch (error) {
          socket.close(4400, "malformed server message");
          if (!welcomed) reject({ code: 4400, reason: error.message });
          return;
        }
        if (message.type === "welcome") {
          welcomed = true;
          this.welcomed = true; // before any close can be seen: a lost welcomed socket may be resumed
          this.state.welcome(message);
          this.onMessage(message, "unnumbered");
          resolve(message);
          return;
        }
        const verdict = Number.isInteger(message.seq) ? this.state.accept(message) : "unnumbered";
        this.onMessage(message, verdict);
        if (verdict === "gap") socket.close(4000, "missed events; resuming");
      };
      let ended = false;
      const end = (code, reason) => {
        if (ended) return;
        ended = true;
        if (this.socket === socket) this.socket = null;
        if (!welcomed) reject({ code, reason });
        this.onClose(code, reason);
      };
      socket.onclose = (event) => end(event.code, event.reason);
      // A socket that never opened (refused, or an HTTP answer instead of the upgrade): Node
      // 20's WebSocket reports only the error, never a close.
      socket.onerror = () => { if (socket.readyState !== 1) end(1006, "the connection failed"); };
    });
  }

  get isOpen() {
    return this.socket?.readyState === 1;
  }

  send(message) {
    if (this.socket?.readyState !== 1) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Bytes queued in the socket and not yet handed to the network. */
  get buffered() {
    return this.socket?.bufferedAmount ?? 0;
  }

  sendBinary(bytes) {
    if (this.socket?.readyState !== 1) return false;
    this.socket.send(bytes);
    return true;
  }

  /** Closes the socket without ending the session (it can be resumed). */
  close(code = 1000, reason = "") {
    this.socket?.close(code, reason);
  }
}
