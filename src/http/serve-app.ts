/**
 * Serves a Hono app on a port: the sandbox, the octopus fake and the webhook
 * server all listen, report their URL and close the same way.
 */
import { createServer } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";

/** A listening app. */
export interface ServedApp {
  /** Base URL on this machine, e.g. "http://127.0.0.1:8787" (a wildcard host is reached on loopback). */
  readonly url: string;
  readonly port: number;
  /** Stops listening and waits for requests in flight. Safe to call twice. */
  close(): Promise<void>;
}

/** Listens on `host:port` (0 picks a free port); rejects when the port is taken. */
export async function serveApp(app: Hono, options: { port: number; host: string }): Promise<ServedApp> {
  // overrideGlobalObjects: false keeps the process's global Request/Response untouched.
  const server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  server.listen(options.port, options.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const { host } = options;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        const closed = once(server, "close");
        server.close();
        server.closeIdleConnections();
        await closed;
      })();
      return closing;
    },
  };
}
