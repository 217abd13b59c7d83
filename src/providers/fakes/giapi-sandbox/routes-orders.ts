/**
 * Orders and top-ups under /esim: POST /orders (idempotent on
 * external_order_id), GET /orders?external_order_id=, GET /orders/{id},
 * POST /{id}/topup (idempotent on external_topup_id), with the injected
 * failures of /sandbox/faults.
 */
import type { HttpBindings } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { gbToMb } from "../../../domain/data-amount.ts";
import { wireOrderRequest, wireTopUpRequest, type WireOrderRequest, type WirePlan } from "../../giapi/wire.ts";
import type { SandboxDeps } from "./deps.ts";
import type { InjectedFailure } from "./faults.ts";
import { jsonError, readJsonBody } from "./http-json.ts";
import { newIccid, newMatchingId, newOrderId } from "./issuer.ts";
import { currentState, topUp, type SandboxEsim } from "./lifecycle.ts";
import { toWireOrder } from "./order-view.ts";
import { webhookEventsFor } from "./webhook-events.ts";

/** Generated ids are random; after this many collisions in a row something else is wrong. */
const MAX_ID_ATTEMPTS = 5;

/** The order routes, to mount under /esim. */
export function orderRoutes(deps: SandboxDeps): Hono {
  return new Hono()
    .post("/orders", (c) => withOrderFault(deps, c, () => placeOrder(deps, c)))
    .get("/orders", (c) => findOrders(deps, c))
    .get("/orders/:id", (c) => getOrder(deps, c, c.req.param("id")))
    // Top-ups are orders too: the same injected failures apply.
    .post("/:id/topup", (c) => withOrderFault(deps, c, () => topUpOrder(deps, c, c.req.param("id"))));
}

/**
 * Runs an order or top-up under the next injected failure, if one is due:
 * answered before anything is read or stored (an outage), or — apply_first —
 * after the request was carried out, so only its answer is lost.
 */
async function withOrderFault(deps: SandboxDeps, c: Context, handle: () => Promise<Response>): Promise<Response> {
  const failure = deps.faults.takeOrderFailure();
  if (!failure) return handle();
  if (failure.applyFirst) await handle();
  return failWith(c, failure);
}

/** An injected failure's answer: its status in the wire's error shape, or no answer at all (the connection is closed). */
function failWith(c: Context, failure: InjectedFailure): Response {
  if (failure.drop) dropConnection(c);
  return jsonError(c, failure.status, "sandbox_fault", `injected failure (HTTP ${failure.status})`);
}

/** Closes the request's connection: the client sees it cut off without an answer. */
function dropConnection(c: Context): void {
  // Served by @hono/node-server, the request's Node objects are the app's env.
  const node = c.env as Partial<HttpBindings> | undefined;
  node?.incoming?.socket.destroy();
}

/** An order as it is now, with its QR image when asked. */
function render(deps: SandboxDeps, c: Context, esim: SandboxEsim, status: 200 | 201 = 200, withQr = false): Response {
  const order = toWireOrder(currentState(esim, deps.now()), withQr ? deps.qr : null);
  return c.json(order, status);
}

async function placeOrder(deps: SandboxDeps, c: Context): Promise<Response> {
  const body = await readJsonBody(c, wireOrderRequest);
  if (!body.ok) return body.response;
  const request = body.value;

  const existing = deps.store.find("externalOrderId", request.external_order_id);
  if (existing) return replay(deps, c, existing, request);
  const plan = deps.catalog.find(request.plan_id);
  if (!plan) return jsonError(c, 404, "plan_not_found", `no plan ${JSON.stringify(request.plan_id)}`);

  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
    const esim = newEsim(deps, plan, request);
    // Lookup and insert run without an await between them, so two concurrent
    // requests with one external_order_id cannot both insert.
    const inserted = deps.store.insert(esim);
    if (inserted.ok) return render(deps, c, esim, 201, true);
    if (inserted.conflict === "external_order_id") {
      const winner = deps.store.find("externalOrderId", request.external_order_id);
      if (winner) return replay(deps, c, winner, request);
    }
  }
  return jsonError(c, 500, "internal_error", "could not allocate unique eSIM identifiers");
}

/** A fresh eSIM for a plan, with new random ids. */
function newEsim(deps: SandboxDeps, plan: WirePlan, request: WireOrderRequest): SandboxEsim {
  return {
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
}

/** A repeated order: the same order again, unless the repeat asks for another plan. */
function replay(deps: SandboxDeps, c: Context, existing: SandboxEsim, request: WireOrderRequest): Response | Promise<Response> {
  if (existing.planId !== request.plan_id) {
    const message = `external_order_id ${JSON.stringify(request.external_order_id)} was already ordered with another plan`;
    return jsonError(c, 409, "external_order_id_conflict", message);
  }
  return render(deps, c, existing, 200, true);
}

async function findOrders(deps: SandboxDeps, c: Context): Promise<Response> {
  const failure = deps.faults.takeLookupFailure();
  if (failure) return failWith(c, failure);
  const externalOrderId = c.req.query("external_order_id");
  if (!externalOrderId) return jsonError(c, 400, "invalid_request", "external_order_id is required");
  const esim = deps.store.find("externalOrderId", externalOrderId);
  const now = deps.now();
  return c.json({ orders: esim ? [toWireOrder(currentState(esim, now), deps.qr)] : [] });
}

function getOrder(deps: SandboxDeps, c: Context, orderId: string): Response | Promise<Response> {
  const esim = deps.store.find("orderId", orderId);
  if (!esim) return jsonError(c, 404, "order_not_found", "no such order");
  return render(deps, c, esim);
}

async function topUpOrder(deps: SandboxDeps, c: Context, orderId: string): Promise<Response> {
  const body = await readJsonBody(c, wireTopUpRequest);
  if (!body.ok) return body.response;
  const request = body.value;
  if (request.data_gb === 0 && request.validity_days === 0) {
    return jsonError(c, 400, "invalid_request", "a top-up needs data_gb or validity_days above 0");
  }
  const esim = deps.store.find("orderId", orderId);
  if (!esim) return jsonError(c, 404, "order_not_found", "no such order");

  const earlier = deps.store.topUpById(request.external_topup_id);
  if (earlier) {
    if (earlier.orderId !== orderId) return jsonError(c, 409, "topup_conflict", "external_topup_id was already used for another order");
    return render(deps, c, esim);
  }
  const now = deps.now();
  const dataMb = gbToMb(request.data_gb);
  const result = topUp(esim, dataMb, request.validity_days, now);
  if (!result.ok) return jsonError(c, 409, "esim_expired", "the eSIM has expired and cannot be topped up");
  const { external_topup_id: externalTopUpId, validity_days: validityDays } = request;
  deps.store.applyTopUp({ externalTopUpId, orderId, dataMb, validityDays, createdAt: now.toISOString() }, result.esim);
  // Not awaited: a real upstream answers the top-up and sends its webhooks on its own time.
  const after = currentState(result.esim, now);
  void deps.webhooks.emit(after, webhookEventsFor(currentState(esim, now), after, true));
  return render(deps, c, result.esim);
}
