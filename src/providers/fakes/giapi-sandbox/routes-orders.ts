/**
 * Orders and top-ups under /esim: POST /orders (idempotent on
 * external_order_id), GET /orders?external_order_id=, GET /orders/{id},
 * POST /{id}/topup (idempotent on external_topup_id).
 */
import { Hono, type Context } from "hono";
import { gbToMb } from "../../../domain/data-amount.ts";
import { wireOrderRequest, wireTopUpRequest, type WireOrderRequest } from "../../giapi/wire.ts";
import type { SandboxDeps } from "./deps.ts";
import { jsonError, readJsonBody } from "./http-json.ts";
import { newIccid, newMatchingId, newOrderId } from "./issuer.ts";
import { currentState, topUp, type SandboxEsim } from "./lifecycle.ts";
import { toWireOrder } from "./order-view.ts";
import { webhookEventsFor } from "./webhook-events.ts";

/** Generated ids are random; after this many collisions in a row something else is wrong. */
const MAX_ID_ATTEMPTS = 5;

/** The order routes, to mount under /esim. */
export function orderRoutes(deps: SandboxDeps): Hono {
  const routes = new Hono();
  const render = (c: Context, esim: SandboxEsim, status: 200 | 201 = 200, withQr = false) =>
    toWireOrder(currentState(esim, deps.now()), withQr ? deps.qr : null).then((order) => c.json(order, status));

  /** A repeated order: the same order again, unless the repeat asks for another plan. */
  const replay = (c: Context, existing: SandboxEsim, request: WireOrderRequest) => {
    if (existing.planId !== request.plan_id) {
      return jsonError(
        c,
        409,
        "external_order_id_conflict",
        `external_order_id ${JSON.stringify(request.external_order_id)} was already ordered with another plan`,
      );
    }
    return render(c, existing, 200, true);
  };

  routes.post("/orders", async (c) => {
    // An injected failure happens before anything is read or stored, like an upstream outage.
    const failure = deps.faults.takeOrderFailure();
    if (failure !== null) return jsonError(c, failure, "sandbox_fault", `injected failure (HTTP ${failure})`);

    const body = await readJsonBody(c, wireOrderRequest);
    if (!body.ok) return body.response;
    const request = body.value;

    const existing = deps.store.find("externalOrderId", request.external_order_id);
    if (existing) return replay(c, existing, request);
    const plan = deps.catalog.find(request.plan_id);
    if (!plan) return jsonError(c, 404, "plan_not_found", `no plan ${JSON.stringify(request.plan_id)}`);

    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const esim: SandboxEsim = {
        orderId: newOrderId(),
        externalOrderId: request.external_order_id,
        planId: plan.plan_id,
        createdAt: deps.now().toISOString(),
        iccid: newIccid(),
        smdpAddress: deps.smdpHost,
        matchingId: newMatchingId(),
        status: "issued",
        dataMb: gbToMb(plan.data_gb),
        validityDays: plan.validity_days,
        usedMb: 0,
        activatedAt: null,
        expiresAt: null,
      };
      // Lookup and insert run without an await between them, so two concurrent
      // requests with one external_order_id cannot both insert.
      const inserted = deps.store.insert(esim);
      if (inserted.ok) return render(c, esim, 201, true);
      if (inserted.conflict === "external_order_id") {
        const winner = deps.store.find("externalOrderId", request.external_order_id);
        if (winner) return replay(c, winner, request);
      }
    }
    return jsonError(c, 500, "internal_error", "could not allocate unique eSIM identifiers");
  });

  routes.get("/orders", async (c) => {
    const externalOrderId = c.req.query("external_order_id");
    if (!externalOrderId) return jsonError(c, 400, "invalid_request", "external_order_id is required");
    const esim = deps.store.find("externalOrderId", externalOrderId);
    const now = deps.now();
    return c.json({ orders: esim ? [await toWireOrder(currentState(esim, now), deps.qr)] : [] });
  });

  routes.get("/orders/:id", async (c) => {
    const esim = deps.store.find("orderId", c.req.param("id"));
    if (!esim) return jsonError(c, 404, "order_not_found", "no such order");
    return render(c, esim);
  });

  routes.post("/:id/topup", async (c) => {
    // Top-ups are orders too: the same injected failures apply.
    const failure = deps.faults.takeOrderFailure();
    if (failure !== null) return jsonError(c, failure, "sandbox_fault", `injected failure (HTTP ${failure})`);

    const body = await readJsonBody(c, wireTopUpRequest);
    if (!body.ok) return body.response;
    const request = body.value;
    if (request.data_gb === 0 && request.validity_days === 0) {
      return jsonError(c, 400, "invalid_request", "a top-up needs data_gb or validity_days above 0");
    }
    const orderId = c.req.param("id");
    const esim = deps.store.find("orderId", orderId);
    if (!esim) return jsonError(c, 404, "order_not_found", "no such order");

    const earlier = deps.store.topUpById(request.external_topup_id);
    if (earlier) {
      if (earlier.orderId !== orderId) {
        return jsonError(c, 409, "topup_conflict", "external_topup_id was already used for another order");
      }
      return render(c, esim);
    }
    const now = deps.now();
    const dataMb = gbToMb(request.data_gb);
    const result = topUp(esim, dataMb, request.validity_days, now);
    if (!result.ok) return jsonError(c, 409, "esim_expired", "the eSIM has expired and cannot be topped up");
    deps.store.applyTopUp(
      {
        externalTopUpId: request.external_topup_id,
        orderId,
        dataMb,
        validityDays: request.validity_days,
        createdAt: now.toISOString(),
      },
      result.esim,
    );
    // Not awaited: a real upstream answers the top-up and sends its webhooks on its own time.
    const after = currentState(result.esim, now);
    void deps.webhooks.emit(after, webhookEventsFor(currentState(esim, now), after, true));
    return render(c, result.esim);
  });

  return routes;
}
