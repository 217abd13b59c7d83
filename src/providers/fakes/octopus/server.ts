/**
 * An in-process fake of the octopus API for tests and demos
 * (ESIM_PROVIDER=octopus-sandbox): the documented catalog endpoints served
 * exactly as documented, the assumed order endpoints of
 * ../../octopus/orders-contract.ts with state, bearer auth, and a control
 * surface on the returned object.
 */
import { Hono } from "hono";
import { serveApp, type ServedApp } from "../../../http/serve-app.ts";
import { SandboxStore } from "../giapi-sandbox/store.ts";
import { buildOctopusFakeCatalog } from "./catalog.ts";
import { OctopusFakeFaults, type MalformedPart } from "./faults.ts";
import { octopusError } from "./http.ts";
import { OctopusFakeOrderBook } from "./order-book.ts";
import { orderRoutes } from "./orders.ts";
import { productRoutes } from "./products.ts";
import type { WireOrder } from "../../octopus/orders-contract.ts";
import { OCTOPUS_API_PREFIX, type WireProductDetails, type WireVariant } from "../../octopus/wire.ts";

/** The SM-DP+ host the fake writes into activation codes. */
export const OCTOPUS_FAKE_SMDP_HOST = "smdp.octopus-fake.test";

/** Options of startOctopusFake. */
export interface OctopusFakeOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the fake is for this machine only. */
  host?: string;
  /** The bearer token every API request must carry. */
  apiKey: string;
  /** The catalog; default buildOctopusFakeCatalog() (about a hundred products). */
  products?: readonly WireProductDetails[];
  /** SQLite file keeping orders across restarts (its directory is created). Default ":memory:". */
  dbPath?: string;
  /** The clock; tests pass their own. */
  now?: () => Date;
}

/** A running fake and its controls. */
export interface OctopusFake {
  /** API root to give OctopusProvider as baseUrl, e.g. "http://127.0.0.1:8788". */
  readonly url: string;
  readonly port: number;
  /** The catalog served. */
  readonly products: readonly WireProductDetails[];
  /** Fails the next `count` API requests with `status` (default 500), in the API's error shape. */
  failNext(count: number, status?: number): void;
  /** Breaks the body (or the pagination headers) of answers under `pathPrefix`; null mends them. */
  setMalformed(pathPrefix: string | null, part?: MalformedPart): void;
  /** Holds every API answer for `ms` milliseconds. */
  setLatency(ms: number): void;
  /** API requests received, e.g. "GET /api/v1/esim/products?page=2&per_page=7". */
  readonly requests: readonly string[];
  /** The most API requests in flight at once since the last resetStats(). */
  readonly peakInFlight: number;
  /** Clears `requests` and `peakInFlight`. */
  resetStats(): void;
  /** Every order, oldest first. */
  orders(): WireOrder[];
  /** The phone connects: the eSIM becomes active and its validity starts. */
  activate(iccid: string): WireOrder;
  /** Sets the data used so far, in MB. */
  setUsage(iccid: string, usedMb: number): WireOrder;
  /** Ends the eSIM now. */
  expire(iccid: string): WireOrder;
  /** Stops listening, waits for requests in flight, closes the state. Safe to call twice. */
  close(): Promise<void>;
}

/** The fake's HTTP app: bearer auth, faults, the catalog and the order routes, JSON 404s and 500s. */
export function createOctopusFakeApp(
  apiKey: string,
  products: readonly WireProductDetails[],
  book: OctopusFakeOrderBook,
  faults: OctopusFakeFaults,
): Hono {
  const api = new Hono();
  api.use("*", faults.middleware());
  api.use("*", async (c, next) => {
    if (c.req.header("authorization") !== `Bearer ${apiKey}`) {
      return octopusError(c, "unauthorized", "Authorization header required");
    }
    await next();
  });
  api.route("/", productRoutes(products));
  api.route("/", orderRoutes(book));

  const app = new Hono();
  app.route(OCTOPUS_API_PREFIX, api);
  app.notFound((c) => octopusError(c, "notFound", `Cannot ${c.req.method} ${c.req.path}`));
  app.onError((_error, c) => octopusError(c, "internal", "Internal server error"));
  return app;
}

/** Starts the fake on `host:port`. */
export async function startOctopusFake(options: OctopusFakeOptions): Promise<OctopusFake> {
  const host = options.host ?? "127.0.0.1";
  const products = options.products ?? buildOctopusFakeCatalog();
  const now = options.now ?? (() => new Date());
  const store = new SandboxStore(options.dbPath ?? ":memory:");
  const faults = new OctopusFakeFaults();
  const book = new OctopusFakeOrderBook(store, variantIndex(products), now, OCTOPUS_FAKE_SMDP_HOST);
  const app = createOctopusFakeApp(options.apiKey, products, book, faults);
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
    products,
    failNext: (count, status) => faults.failNext(count, status),
    setMalformed: (pathPrefix, part) => faults.setMalformed(pathPrefix, part),
    setLatency: (ms) => faults.setLatency(ms),
    get requests() {
      return faults.requests;
    },
    get peakInFlight() {
      return faults.peakInFlight;
    },
    resetStats: () => faults.resetStats(),
    orders: () => book.list(),
    activate: (iccid) => book.activate(iccid),
    setUsage: (iccid, usedMb) => book.setUsage(iccid, usedMb),
    expire: (iccid) => book.expire(iccid),
    close() {
      closing ??= served.close().finally(() => store.close());
      return closing;
    },
  };
}

/** Variants by id; two variants with one id would make orders ambiguous. */
function variantIndex(products: readonly WireProductDetails[]): Map<number, WireVariant> {
  const index = new Map<number, WireVariant>();
  for (const variant of products.flatMap((p) => p.variants)) {
    if (index.has(variant.id)) throw new Error(`octopus fake: two variants with id ${variant.id}`);
    index.set(variant.id, variant);
  }
  return index;
}
