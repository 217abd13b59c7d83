/**
 * The sandbox control API under /sandbox (no auth): move an eSIM through
 * its lifecycle, list every order and top-up received, inject faults, stop
 * selling a plan, give a plan another device list, see webhook registrations
 * and deliveries, and the order-side requests the shop made. Demos and tests use it to play the
 * traveller's phone and the upstream's bad days.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { SandboxDeps } from "./deps.ts";
import { faultsRequest } from "./faults.ts";
import { jsonError, readJsonBody } from "./http-json.ts";
import { activate, currentState, expire, recordUsage, type SandboxEsim, type Transition } from "./lifecycle.ts";
import { toWireOrder } from "./order-view.ts";
import { webhookEventsFor } from "./webhook-events.ts";

const usageRequest = z.object({ used_mb: z.number().finite().nonnegative() });
const devicesRequest = z.object({ devices: z.array(z.string()).max(10_000) });

/** One row of GET /sandbox/orders. */
export interface SandboxOrderSummary {
  order_id: string;
  external_order_id: string;
  plan_id: string;
  iccid: string;
  status: SandboxEsim["status"];
  created_at: string;
}

/** The control routes, to mount under /sandbox. */
export function controlRoutes(deps: SandboxDeps): Hono {
  const routes = new Hono();
  lifecycleRoutes(routes, deps);
  recordRoutes(routes, deps);
  faultRoutes(routes, deps);
  planRoutes(routes, deps);
  return routes;
}

/** Moves an eSIM through its lifecycle: activation, usage, expiry. */
function lifecycleRoutes(routes: Hono, deps: SandboxDeps): void {
  /**
   * Loads the eSIM of the `:iccid` in the path, applies `change`, saves it,
   * sends the webhooks the change calls for and answers with the saved order.
   * The answer waits for the deliveries (each has a short timeout), so a demo
   * or test that reads /sandbox/webhooks/deliveries next sees them.
   */
  const change = async (c: Context, apply: (esim: SandboxEsim, now: Date) => Transition) => {
    const esim = deps.store.find("iccid", c.req.param("iccid") ?? "");
    if (!esim) return jsonError(c, 404, "esim_not_found", "no eSIM with this ICCID");
    const now = deps.now();
    const result = apply(esim, now);
    if (!result.ok) return jsonError(c, 409, result.code, "the eSIM has expired");
    deps.store.update(result.esim);
    const after = currentState(result.esim, now);
    await deps.webhooks.emit(after, webhookEventsFor(currentState(esim, now), after));
    return c.json(toWireOrder(after, deps.qr));
  };

  routes.post("/esims/:iccid/activate", (c) => change(c, activate));

  routes.post("/esims/:iccid/usage", async (c) => {
    const body = await readJsonBody(c, usageRequest);
    if (!body.ok) return body.response;
    return change(c, (esim, now) => ({ ok: true, esim: recordUsage(esim, body.value.used_mb, now) }));
  });

  routes.post("/esims/:iccid/expire", (c) => change(c, (esim, now) => ({ ok: true, esim: expire(esim, now) })));
}

/** What the sandbox received and sent: orders, top-ups, the shop's requests, webhook registrations and deliveries. */
function recordRoutes(routes: Hono, deps: SandboxDeps): void {
  routes.get("/orders", (c) => {
    const now = deps.now();
    const orders: SandboxOrderSummary[] = deps.store.all().map((stored) => {
      const esim = currentState(stored, now);
      return {
        order_id: esim.orderId,
        external_order_id: esim.externalOrderId,
        plan_id: esim.planId,
        iccid: esim.iccid,
        status: esim.status,
        created_at: esim.createdAt,
      };
    });
    return c.json({ orders });
  });

  routes.get("/topups", (c) => {
    const topups = deps.store.allTopUps().map((topUp) => ({
      external_topup_id: topUp.externalTopUpId,
      order_id: topUp.orderId,
      data_mb: topUp.dataMb,
      validity_days: topUp.validityDays,
      created_at: topUp.createdAt,
    }));
    return c.json({ topups });
  });

  routes.get("/requests", (c) => c.json({ requests: deps.journal.entries() }));

  routes.get("/webhooks", (c) => c.json({ webhooks: deps.webhooks.endpoints() }));

  routes.get("/webhooks/deliveries", (c) => c.json({ deliveries: deps.webhooks.deliveries() }));
}

/** The upstream's bad days: failures, dropped connections, latency. */
function faultRoutes(routes: Hono, deps: SandboxDeps): void {
  routes.post("/faults", async (c) => {
    const body = await readJsonBody(c, faultsRequest);
    if (!body.ok) return body.response;
    return c.json(deps.faults.configure(body.value));
  });

  routes.get("/faults", (c) => c.json(deps.faults.state()));
}

/** The catalog: stop selling a plan, give a plan another device list. */
function planRoutes(routes: Hono, deps: SandboxDeps): void {
  routes.post("/plans/:id/withdraw", (c) => {
    const planId = c.req.param("id") ?? "";
    if (!deps.catalog.withdraw(planId)) return jsonError(c, 404, "plan_not_found", `no plan ${JSON.stringify(planId)}`);
    return c.json({ plan_id: planId, withdrawn: true });
  });

  routes.post("/plans/:id/devices", async (c) => {
    const planId = c.req.param("id") ?? "";
    const body = await readJsonBody(c, devicesRequest);
    if (!body.ok) return body.response;
    if (!deps.catalog.setCompatibleDevices(planId, body.value.devices)) {
      return jsonError(c, 404, "plan_not_found", `no plan ${JSON.stringify(planId)}`);
    }
    return c.json({ plan_id: planId, compatible_devices: body.value.devices.length });
  });
}
