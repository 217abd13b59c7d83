/**
 * A small HTTP load balancer for tests and benchmarks: the stand-in for the
 * reverse proxy in front of several bot instances (compose.yaml's caddy).
 * Each request goes to the next backend (round robin) or a random one; a
 * backend that cannot be reached, or dies mid-request, answers 502, so the
 * sender (Telegram) retries. `remove` takes a backend out of rotation, as a
 * proxy's health check would after it died.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";

/** A running proxy. */
export interface BalancingProxy {
  /** e.g. "http://127.0.0.1:40123". */
  readonly url: string;
  /** Requests forwarded to each backend, by its URL (502s included). */
  readonly forwarded: Map<string, number>;
  /** Requests answered 502 because their backend failed. */
  readonly failed: number;
  /** Switches between round robin and random picks. */
  setMode(mode: "round-robin" | "random"): void;
  /** Takes a backend out of rotation. */
  remove(backendUrl: string): void;
  close(): Promise<void>;
}

/** Starts a proxy on loopback in front of `backends` (base URLs). */
export async function startBalancingProxy(backends: string[], initialMode: "round-robin" | "random"): Promise<BalancingProxy> {
  let mode = initialMode;
  const live = [...backends];
  const forwarded = new Map(backends.map((url) => [url, 0]));
  let next = 0;
  let failed = 0;
  const pick = (): string | undefined => {
    if (live.length === 0) return undefined;
    const index = mode === "random" ? Math.floor(Math.random() * live.length) : next++ % live.length;
    return live[index];
  };
  const badGateway = (response: ServerResponse) => {
    failed++;
    if (!response.headersSent) response.writeHead(502, { "content-type": "application/json" });
    response.end('{"error":"bad_gateway"}');
  };
  const forward = (incoming: IncomingMessage, response: ServerResponse) => {
    const backend = pick();
    if (!backend) return badGateway(response);
    forwarded.set(backend, (forwarded.get(backend) ?? 0) + 1);
    const target = new URL(incoming.url ?? "/", backend);
    const outgoing = request(target, { method: incoming.method, headers: incoming.headers, agent: false }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
      answer.on("error", () => response.destroy());
    });
    outgoing.on("error", () => badGateway(response));
    incoming.pipe(outgoing);
  };
  const server = createServer(forward);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    get failed() {
      return failed;
    },
    setMode(next) {
      mode = next;
    },
    remove(backendUrl) {
      const index = live.indexOf(backendUrl);
      if (index >= 0) live.splice(index, 1);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
