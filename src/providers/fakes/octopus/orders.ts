/**
 * The assumed order endpoints of the octopus fake, under /api/v1/esim (see
 * ../../octopus/orders-contract.ts): POST /orders,
 * GET /orders[?external_order_id=], GET /orders/:id, POST /orders/:id/topups.
 */
import { Hono, type Context } from "hono";
import type { OctopusFakeOrderBook, OrderOutcome } from "./order-book.ts";
import { octopusError, paginated, positiveInt, readBody } from "./http.ts";
import { wireOrderRequest, wireTopUpRequest } from "../../octopus/orders-contract.ts";

/** 201 for a new order or top-up, 200 for a repeat, else the error. */
function answer(c: Context, outcome: OrderOutcome): Response {
  if (!outcome.ok) return octopusError(c, outcome.kind, outcome.message);
  return c.json(outcome.order, outcome.created ? 201 : 200);
}

/** The order routes over `book`. */
export function orderRoutes(book: OctopusFakeOrderBook): Hono {
  const routes = new Hono();

  routes.post("/orders", async (c) => {
    const body = await readBody(c, wireOrderRequest);
    return body.ok ? answer(c, book.place(body.value)) : body.response;
  });

  routes.get("/orders", (c) => paginated(c, book.list(c.req.query("external_order_id"))));

  routes.get("/orders/:id", (c) => {
    const id = positiveInt(c.req.param("id"));
    if (id === null) return octopusError(c, "validation", "Invalid order ID");
    const order = book.get(id);
    return order ? c.json(order) : octopusError(c, "notFound", "Order not found");
  });

  routes.post("/orders/:id/topups", async (c) => {
    const id = positiveInt(c.req.param("id"));
    if (id === null) return octopusError(c, "validation", "Invalid order ID");
    const body = await readBody(c, wireTopUpRequest);
    return body.ok ? answer(c, book.topUp(id, body.value)) : body.response;
  });

  return routes;
}
