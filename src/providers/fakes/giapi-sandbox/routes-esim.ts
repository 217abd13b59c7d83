/**
 * The generic eSIM API under /esim: injected latency, bearer auth, then the
 * plan and order routes.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Hono } from "hono";
import type { SandboxDeps } from "./deps.ts";
import { requireApiKey } from "./api-key.ts";
import { orderRoutes } from "./routes-orders.ts";
import { RequestJournal } from "./request-journal.ts";
import { planRoutes } from "./routes-plans.ts";

/** Every /esim route with its middleware, to mount under /esim. */
export function esimRoutes(deps: SandboxDeps): Hono {
  const routes = new Hono();

  routes.use("*", async (c, next) => {
    await next();
    if (!RequestJournal.records(c.req.path)) return;
    deps.journal.record({ method: c.req.method, path: c.req.path, external_order_id: c.req.query("external_order_id") ?? null, status: c.res.status });
  });

  routes.use("*", async (c, next) => {
    // Read per request, so POST /sandbox/faults takes effect at once.
    const latency = deps.faults.latencyMs;
    if (latency > 0) await sleep(latency);
    await next();
  });
  routes.use("*", requireApiKey(deps.apiKey));

  routes.route("/", planRoutes(deps));
  routes.route("/", orderRoutes(deps));
  return routes;
}
