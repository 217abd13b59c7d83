/**
 * The octopus fake's bad days, set by tests and demos: fail the next N API
 * requests with a status, answer some paths with a broken body or broken
 * pagination headers, hold every answer for a while. It also keeps a log of
 * the requests received and the most it had in flight at once, so a test
 * can see how a client walks pages and how many requests it runs together.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Context, MiddlewareHandler } from "hono";
import { errorResponse } from "./http.ts";

/** Which part of an answer setMalformed breaks. */
export type MalformedPart = "body" | "headers";

/** Error name and code of an injected failure, by status. */
function injectedError(status: number): { name: string; code: string } {
  if (status === 429) return { name: "TooManyRequestsException", code: "RATE_LIMITED" };
  if (status === 503) return { name: "ServiceUnavailableException", code: "SERVICE_UNAVAILABLE" };
  if (status >= 500) return { name: "InternalServerError", code: "INTERNAL_ERROR" };
  return { name: "BadRequestException", code: "INJECTED_FAILURE" };
}

/** Fault settings and request statistics of one fake server. */
export class OctopusFakeFaults {
  #failNext = 0;
  #failStatus = 500;
  #malformed: { pathPrefix: string; part: MalformedPart } | null = null;
  #latencyMs = 0;
  #inFlight = 0;
  #peakInFlight = 0;
  readonly #requests: string[] = [];

  /** Fails the next `count` API requests (GET retries count too) with `status`. */
  failNext(count: number, status = 500): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError("failNext: count must be a whole number ≥ 0");
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError("failNext: status must be 400–599");
    }
    this.#failNext = count;
    this.#failStatus = status;
  }

  /** Breaks the answers of API paths starting with `pathPrefix` (e.g. "/api/v1/esim/products"); null mends them. */
  setMalformed(pathPrefix: string | null, part: MalformedPart = "body"): void {
    this.#malformed = pathPrefix === null ? null : { pathPrefix, part };
  }

  /** Holds every API answer for `ms` milliseconds (0 for none). */
  setLatency(ms: number): void {
    this.#latencyMs = Math.max(0, ms);
  }

  /** "GET /api/v1/esim/products?page=1&per_page=50", in the order received. */
  get requests(): readonly string[] {
    return this.#requests;
  }

  /** The most API requests in flight at once since the last reset. */
  get peakInFlight(): number {
    return this.#peakInFlight;
  }

  /** Clears the request log and the peak. */
  resetStats(): void {
    this.#requests.length = 0;
    this.#peakInFlight = 0;
  }

  /** Middleware for the API routes: logs, counts, delays, fails and breaks as configured. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const url = new URL(c.req.url);
      this.#requests.push(`${c.req.method} ${url.pathname}${url.search}`);
      this.#inFlight++;
      this.#peakInFlight = Math.max(this.#peakInFlight, this.#inFlight);
      try {
        if (this.#latencyMs > 0) await delay(this.#latencyMs);
        if (this.#failNext > 0) {
          this.#failNext--;
          const { name, code } = injectedError(this.#failStatus);
          return errorResponse(c, this.#failStatus, name, code, `Injected failure (HTTP ${this.#failStatus})`);
        }
        await next();
        const broken = this.#malformed;
        if (broken && url.pathname.startsWith(broken.pathPrefix)) breakResponse(c, broken.part);
      } finally {
        this.#inFlight--;
      }
    };
  }
}

/**
 * Breaks the answer in place: pagination headers that are not numbers, or a
 * truncated JSON body. (Hono copies the old answer's headers onto a new one,
 * so headers are changed on the answer itself.)
 */
function breakResponse(c: Context, part: MalformedPart): void {
  if (part === "headers") {
    c.res.headers.set("X-Total-Pages", "many");
    c.res.headers.set("X-Page", "first");
    return;
  }
  c.res.headers.delete("content-length");
  c.res = new Response('[{"id": 712, "name": "Japan eS', { status: c.res.status });
}
