// A loopback TCP proxy in front of the server, standing for the viewer's network: it limits
// the upstream rate (`rate` bytes/s, as a slow uplink would) and can cut every connection
// through it, as a lost network would, once the browser has sent `cutAt` bytes.
import { createServer, connect } from "node:net";

export async function withProxy(targetPort, body, { rate = Infinity } = {}) {
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
    client.on("data", (data) => {
      proxy.sent += data.length;
      if (proxy.sent >= proxy.cutAt) {
        proxy.cutAt = Infinity;
        proxy.cut();
      } else {
        upstream.write(data);
        const due = (proxy.sent / proxy.rate) * 1000 - (Date.now() - started);
        if (due > 5) {
          client.pause();
          setTimeout(() => client.resume(), due);
        }
      }
    });
    upstream.on("data", (data) => client.write(data));
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
