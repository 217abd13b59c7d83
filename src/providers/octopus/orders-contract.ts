/**
 * ASSUMED CONTRACT. The octopus document (shared/seeds/003_…txt) shows only
 * the catalog: products and variants. Ordering, order lookup by our id,
 * status and usage, and top-ups are not in it, so this file is our guess in
 * the API's own conventions (under /api/v1/esim, integer ids, snake_case,
 * bearer auth, array bodies paginated in headers, errors as
 * `{"error": {"name", "code", "message"}}`):
 *
 *   POST /api/v1/esim/orders                  { variant_id, quantity: 1, external_order_id }
 *        → 201 the order (200 and the same order when external_order_id was already ordered)
 *   GET  /api/v1/esim/orders?external_order_id=…   → [order] (paginated like products)
 *   GET  /api/v1/esim/orders/:id              → the order, with usage
 *   POST /api/v1/esim/orders/:id/topups       { data_amount_gb, validity_days, external_topup_id }
 *        → the updated order (idempotent on external_topup_id)
 *
 *   order = { id, external_order_id, variant_id?, status, iccid, smdp_address,
 *             activation_code (LPA string), data_amount_gb, data_used_gb?,
 *             validity_days, activated_at, expires_at, created_at? }
 *
 * "Not found", as the shop reads it: GET /orders?external_order_id=… answering
 * 2xx with no order of that id is definitive (a refund may follow); a 404 or
 * any error is not. A 4xx to an order or top-up is a definitive refusal; a
 * timeout or 5xx leaves the outcome unknown (never refunded blind).
 *
 * A reseller with the real documentation changes this one file: paths,
 * schemas and the mapping to the port are all here (the fake in
 * ../fakes/octopus/orders.ts serves these same schemas and follows along).
 */
import { MB_PER_GB, gbToMb } from "../../domain/data-amount.ts";
import { parseLpa, type ActivationDetails } from "../../domain/lpa.ts";
import { z } from "zod";
import { ProviderNotFoundError, ProviderResponseError } from "../errors.ts";
import type { JsonHttpClient } from "../http/json-client.ts";
import type { EsimStatus } from "../../domain/order.ts";
import type { EsimUsage, ProviderOrder, TopUpInput } from "../port.ts";
import { OCTOPUS_API_PREFIX } from "./wire.ts";

/** The order endpoints, relative to the API root. */
export const ORDER_PATHS = {
  orders: `${OCTOPUS_API_PREFIX}/orders`,
  order: (orderId: number | string) => `${OCTOPUS_API_PREFIX}/orders/${orderId}`,
  topUps: (orderId: number | string) => `${OCTOPUS_API_PREFIX}/orders/${orderId}/topups`,
} as const;

/** Order statuses on the wire (assumed to follow the eSIM lifecycle one to one). */
export const wireOrderStatus = z.enum(["issued", "active", "topped_up", "expired"]);
/** An order status on the wire. */
export type WireOrderStatus = z.infer<typeof wireOrderStatus>;

/** Wire status → the port's status; change here if the real API names them otherwise. */
const STATUS: Readonly<Record<WireOrderStatus, EsimStatus>> = {
  issued: "issued",
  active: "active",
  topped_up: "topped_up",
  expired: "expired",
};

/** POST /orders body. */
export const wireOrderRequest = z.object({
  variant_id: z.number().int().positive(),
  quantity: z.literal(1),
  external_order_id: z.string().min(1).max(255),
});
/** A POST /orders body. */
export type WireOrderRequest = z.infer<typeof wireOrderRequest>;

const timestamp = z.string().datetime({ offset: true });

/** An order with its eSIM and usage. */
export const wireOrder = z.object({
  id: z.number().int().positive(),
  external_order_id: z.string().nullable(),
  variant_id: z.number().int().positive().optional(),
  status: wireOrderStatus,
  iccid: z.string().regex(/^\d{18,22}$/, "expected an ICCID of 18–22 digits"),
  /** SM-DP+ host. */
  smdp_address: z.string().min(1),
  /** "LPA:1$host$matching-id"; a bare matching id is accepted too. */
  activation_code: z.string().min(1),
  data_amount_gb: z.number().positive(),
  data_used_gb: z.number().nonnegative().default(0),
  validity_days: z.number().int().positive(),
  activated_at: timestamp.nullable(),
  expires_at: timestamp.nullable(),
  created_at: timestamp.optional(),
});
/** An order on the wire. */
export type WireOrder = z.infer<typeof wireOrder>;

/** GET /orders body. */
export const wireOrderList = z.array(wireOrder);

/** POST /orders/:id/topups body. */
export const wireTopUpRequest = z.object({
  data_amount_gb: z.number().nonnegative(),
  validity_days: z.number().int().nonnegative(),
  external_topup_id: z.string().min(1).max(255),
});
/** A POST /orders/:id/topups body. */
export type WireTopUpRequest = z.infer<typeof wireTopUpRequest>;

/** The order calls of the API, mapped to the port's shapes. */
export class OctopusOrdersApi {
  constructor(private readonly http: JsonHttpClient) {}

  /** Orders one eSIM of a variant; repeating it with the same externalOrderId returns the same order. */
  async place(variantId: number, externalOrderId: string): Promise<ProviderOrder> {
    const body: WireOrderRequest = { variant_id: variantId, quantity: 1, external_order_id: externalOrderId };
    return toProviderOrder(await this.http.post(ORDER_PATHS.orders, body, wireOrder));
  }

  /** The order placed with our id, or null. */
  async findByExternalId(externalOrderId: string): Promise<ProviderOrder | null> {
    const orders = await this.http.get(ORDER_PATHS.orders, wireOrderList, { external_order_id: externalOrderId });
    const order = orders.find((o) => o.external_order_id === externalOrderId);
    return order ? toProviderOrder(order) : null;
  }

  /** Status and usage of an order's eSIM. */
  async usage(providerOrderId: string): Promise<EsimUsage> {
    return toUsage(await this.http.get(ORDER_PATHS.order(orderIdOf(providerOrderId)), wireOrder));
  }

  /** Adds data and/or validity to an order's eSIM. */
  async topUp(input: TopUpInput): Promise<EsimUsage> {
    const body: WireTopUpRequest = {
      data_amount_gb: input.dataMb / MB_PER_GB,
      validity_days: input.validityDays,
      external_topup_id: input.externalTopUpId,
    };
    return toUsage(await this.http.post(ORDER_PATHS.topUps(orderIdOf(input.providerOrderId)), body, wireOrder));
  }
}

/** Order ids are positive integers; anything else cannot be an order of this API. */
function orderIdOf(providerOrderId: string): number {
  if (!/^[1-9]\d{0,15}$/.test(providerOrderId)) {
    throw new ProviderNotFoundError(`octopus order ids are positive integers, not ${JSON.stringify(providerOrderId)}`);
  }
  return Number(providerOrderId);
}

function activationOf(order: WireOrder): ActivationDetails {
  const lpa = parseLpa(order.activation_code);
  if (lpa) return lpa;
  if (/^[^$\s]+$/.test(order.activation_code)) {
    return { smdpAddress: order.smdp_address, matchingId: order.activation_code };
  }
  throw new ProviderResponseError(`octopus order ${order.id}: activation_code is not an LPA string or a matching id`);
}

function toProviderOrder(order: WireOrder): ProviderOrder {
  const { smdpAddress, matchingId } = activationOf(order);
  return {
    providerOrderId: String(order.id),
    externalOrderId: order.external_order_id ?? "",
    iccid: order.iccid,
    smdpAddress,
    matchingId,
    status: STATUS[order.status],
    dataMb: gbToMb(order.data_amount_gb),
    validityDays: order.validity_days,
  };
}

function toUsage(order: WireOrder): EsimUsage {
  return {
    providerOrderId: String(order.id),
    status: STATUS[order.status],
    dataMb: gbToMb(order.data_amount_gb),
    usedMb: gbToMb(order.data_used_gb),
    activatedAt: order.activated_at ? new Date(order.activated_at) : null,
    expiresAt: order.expires_at ? new Date(order.expires_at) : null,
  };
}
