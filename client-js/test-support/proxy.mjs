// A loopback TCP proxy in front of the server, standing for the viewer's network: it limits
// the upstream rate (`rate` bytes/s, as a slow uplink would), delays every byte by half of
// `rttMs` each way, and can cut every connection through it, as a lost network would, once
// the browser has sent `cutAt` bytes.
import { createServer, connect } from "node:net";

export async function withProxy(targetPort, body, { rate = Infinity, rttMs = 0 } = {}) {
  const sockets = new Set();
  const started = Date.now();
  const proxy = { sent: 0, cuts: 0, cutAt: Infinity, rate };
  proxy.cut = () => {
    proxy.cuts += 1;
    for (const socket of sockets) socket.destroy();
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    // Each byte leaves when the bytes before it have gone out at `rate`, and arrives half a
    // round trip later; reading pauses while the link is ahead, so TCP holds the browser back.
    const later = (write) => (rttMs > 0 ? setTimeout(write, rttMs / 2) : write());
    client.on("data", (data) => {
      proxy.sent += data.length;
      if (proxy.sent >= proxy.cutAt) {
        proxy.cutAt = Infinity;
        proxy.cut();
      } else {
        const due = (proxy.sent / proxy.rate) * 1000 - (Date.now() - started);
        setTimeout(() => later(() => upstream.write(data)), Math.max(0, due));
        if (due > 5) {
          client.pause();
          setTimeout(() => client.resume(), due);
        }
      }
    });
    upstream.on("data", (data) => later(() => client.write(data)));
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      a.on("close", () => { b.destroy(); sockets.delete(a); });
      a.on("error", () => {});
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    proxy.port = server.address().port;
    return await body(proxy);
  } finally {
    proxy.cut();
    await new Promise((resolve) => server.close(resolve));
  }
}
