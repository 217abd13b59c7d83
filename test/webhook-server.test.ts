/**
 * The provider webhook route on the bot's HTTP server over real HTTP (src/server/http-server.ts), with a
 * fake of the services behind it: bodies sent in chunks (Transfer-Encoding:
 * chunked, as providers that stream bodies send them) are checked like any
 * other.
 */
import { request } from "node:http";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { signWebhook } from "../src/providers/giapi/webhook-signature.ts";
import { startHttpServer, type HttpServer } from "../src/server/http-server.ts";
import { providerWebhookRoutes, WEBHOOK_MAX_BODY_BYTES } from "../src/server/provider-webhook-route.ts";
import type { EsimHint } from "../src/services/provider-events.ts";

const SECRET = "webhook-server-secret-0123456789";

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose services record the hints they are given. */
async function startServer(): Promise<{ url: string; hints: EsimHint[] }> {
  const hints: EsimHint[] = [];
  const log = pino({ level: "silent" });
  const routes = providerWebhookRoutes({
    secret: SECRET,
    applyHint: async (hint) => {
      hints.push(hint);
      return { kind: "recorded", esimId: "esim_1", notifications: 0 };
    },
    claimEvent: async () => true,
    releaseEvent: async () => undefined,
    onRecorded: () => undefined,
    now: () => new Date(),
    log,
  });
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    routes: [routes],
    readiness: async () => ({ ready: true, status: "ok", checks: {} }),
    log,
  });
  return { url: `${server.url}/webhooks/provider`, hints };
}

/** POSTs `chunks` one write at a time with no Content-Length, so node:http sends Transfer-Encoding: chunked. */
function postChunked(url: string, chunks: string[], headers: Record<string, string>): Promise<{ status: number; chunked: boolean; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      // chunkedEncoding: node:http really sent Transfer-Encoding: chunked.
      response.on("end", () => resolve({ status: response.statusCode ?? 0, chunked: req.chunkedEncoding, body }));
    });
    req.on("error", reject);
    for (const chunk of chunks.slice(0, -1)) req.write(chunk);
    req.end(chunks.at(-1));
  });
}

const event = JSON.stringify({
  id: "evt_chunked_1",
  type: "esim.activated",
  created_at: new Date().toISOString(),
  data: { order_id: "esim_abc", iccid: "8988247000000000001" },
});
const inChunks = (text: string) => [text.slice(0, 10), text.slice(10, 40), text.slice(40)];

describe("chunked webhook bodies", () => {
  it("a signed one is processed", async () => {
    const { url, hints } = await startServer();
    const answer = await postChunked(url, inChunks(event), signWebhook(SECRET, event, new Date()));
    expect(answer.chunked).toBe(true);
    expect(answer).toMatchObject({ status: 200, body: JSON.stringify({ status: "recorded" }) });
    expect(hints).toEqual([{ iccid: "8988247000000000001", providerOrderId: "esim_abc" }]);
  });

  it("an unsigned or badly signed one is refused with 401 and changes nothing", async () => {
    const { url, hints } = await startServer();
    expect((await postChunked(url, inChunks(event), {})).status).toBe(401);
    expect((await postChunked(url, inChunks(event), signWebhook("another-secret-0123", event, new Date()))).status).toBe(401);
    expect(hints).toEqual([]);
  });

  it("one over the size limit gets 413, however it is cut", async () => {
    const { url, hints } = await startServer();
    const chunk = "x".repeat(16 * 1024);
    const chunks = Array.from({ length: Math.ceil(WEBHOOK_MAX_BODY_BYTES / chunk.length) + 1 }, () => chunk);
    const answer = await postChunked(url, chunks, signWebhook(SECRET, chunks.join(""), new Date()));
    expect(answer.status).toBe(413);
    expect(hints).toEqual([]);
  });
});
