/**
 * The built-in sandbox eSIM provider: the generic eSIM API (../../giapi/wire.ts)
 * served over HTTP from this process, with a realistic catalog, state in its
 * own SQLite file, and a control API for demos and tests.
 */
import { Hono } from "hono";
import { serveApp, type ServedApp } from "../../../http/serve-app.ts";
import { buildSandboxCatalog } from "./catalog.ts";
import type { SandboxDeps } from "./deps.ts";
import { SandboxFaults } from "./faults.ts";
import { jsonError } from "./http-json.ts";
import { QrImages } from "./qr-images.ts";
import { RequestJournal } from "./request-journal.ts";
import { controlRoutes } from "./routes-control.ts";
import { esimRoutes } from "./routes-esim.ts";
import { webhookRoutes } from "./routes-webhooks.ts";
import { SandboxStore } from "./store.ts";
import { SandboxWebhooks } from "./webhooks.ts";

/** The SM-DP+ host the sandbox writes into activation codes. */
export const SANDBOX_SMDP_HOST = "rsp.sandbox.esim.local";

/** Options of startSandboxServer. */
export interface SandboxServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
  /** SQLite file of the sandbox's state (its directory is created); ":memory:" for a throwaway one. */
  dbPath: string;
  /** When set, /esim/* requires `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** SM-DP+ host in activation codes; default SANDBOX_SMDP_HOST. */
  smdpHost?: string;
  /** Told about unexpected errors (answered with 500), e.g. to log them. */
  onError?: (error: unknown) => void;
}

/** A running sandbox server. */
export interface SandboxServer {
  /** Base URL, e.g. "http://127.0.0.1:8787". */
  readonly url: string;
  readonly port: number;
  /** Stops listening, waits for requests and webhook deliveries in flight, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/** The sandbox's HTTP app (routes only, no listening socket): /esim/*, /webhooks, /sandbox/*, JSON 404s and 500s. */
export function createSandboxApp(deps: SandboxDeps): Hono {
  const app = new Hono();
  app.route("/esim", esimRoutes(deps));
  app.route("/webhooks", webhookRoutes(deps));
  app.route("/sandbox", controlRoutes(deps));
  app.notFound((c) => jsonError(c, 404, "not_found", `no route ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    deps.onError?.(error);
    return jsonError(c, 500, "internal_error", "the sandbox failed to handle the request");
  });
  return app;
}

/** Opens the state database and starts the sandbox on `host:port`. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const host = options.host ?? "127.0.0.1";
  const store = new SandboxStore(options.dbPath);
  const now = options.now ?? (() => new Date());
  const webhooks = new SandboxWebhooks({ now });
  const app = createSandboxApp({
    store,
    catalog: buildSandboxCatalog(),
    faults: new SandboxFaults(),
    journal: new RequestJournal(),
    qr: new QrImages(),
    webhooks,
    now,
    smdpHost: options.smdpHost ?? SANDBOX_SMDP_HOST,
    apiKey: options.apiKey,
    onError: options.onError,
  });
  let served: ServedApp;
  try {
    served = await serveApp(app, { port: options.port, host });
  } catch (error) {
    store.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: served.url,
    port: served.port,
    close() {
      closing ??= served
        .close()
        .then(() => webhooks.close())
        .finally(() => store.close());
      return closing;
    },
  };
}
