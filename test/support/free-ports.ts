/** Loopback ports nobody listens on right now, for servers a test starts in another process. */
import { createServer, type Server } from "node:net";

/**
 * Where the ports are picked: below Linux's ephemeral range (32768–60999).
 * A port the kernel handed out for `listen(0)` and that was released at once
 * could be given next to an outgoing connection (tests run side by side, with
 * database pools and HTTP clients), and the server started on it then found
 * it taken. Ports below that range are only ever taken by a listener asking
 * for them.
 */
const FIRST = 20_000;
const PAST_LAST = 32_768;
const TRIES = 200;

/** Listens on `port`, or resolves null when it is taken. */
function hold(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/** `count` distinct free ports on 127.0.0.1 (held together while picked, so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  const ports: number[] = [];
  for (let tries = 0; ports.length < count && tries < TRIES; tries++) {
    const port = FIRST + Math.floor(Math.random() * (PAST_LAST - FIRST));
    if (ports.includes(port)) continue;
    const server = await hold(port);
    if (server) {
      held.push(server);
      ports.push(port);
    }
  }
  await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  if (ports.length < count) throw new Error(`no ${count} free ports between ${FIRST} and ${PAST_LAST - 1}`);
  return ports;
}

/** One free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}
