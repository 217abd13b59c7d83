/**
 * The generic eSIM API under /esim: injected latency, bearer auth, then the
 * plan and order routes.
 */
import { timingSafeEqual } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Hono } from "hono";
import type { SandboxDeps } from "./deps.ts";
import { jsonError } from "./http-json.ts";
import { orderRoutes } from "./routes-orders.ts";
import { planRoutes } from "./routes-plans.ts";

/** True when the Authorization header carries exactly `Bearer <apiKey>`. */
export function hasBearer(header: string | undefined, apiKey: string): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(`Bearer ${apiKey}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Every /esim route with its middleware, to mount under /esim. */
export function esimRoutes(deps: SandboxDeps): Hono {
  const routes = new Hono();

  routes.use("*", async (c, next) => {
    // Read per request, so POST /sandbox/faults takes effect at once.
    const latency = deps.faults.latencyMs;
    if (latency > 0) await sleep(latency);
    if (deps.apiKey !== undefined && !hasBearer(c.req.header("authorization"), deps.apiKey)) {
      return jsonError(c, 401, "unauthorized", "missing or wrong API key (Authorization: Bearer <key>)");
    }
    await next();
  });

  routes.route("/", planRoutes(deps));
  routes.route("/", orderRoutes(deps));
  return routes;
}
