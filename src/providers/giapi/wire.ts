/**
 * The generic eSIM API (shared/seeds/000_…txt) on the wire. The seed shows
 * endpoints and an order response; where it is silent these schemas are our
 * reading of it, and the built-in sandbox serves exactly these shapes.
 *
 * Auth: `Authorization: Bearer <PROVIDER_API_KEY>`.
 * Errors: any non-2xx status with `{"error": {"code": string, "message": string}}`.
 */
import { z } from "zod";
import { ESIM_STATUSES } from "../../domain/order.ts";

export const wirePlanType = z.enum(["country", "regional", "global"]);

/** One entry of GET /esim/plans → `{ plans: WirePlan[] }`. */
export const wirePlan = z.object({
  plan_id: z.string().min(1),
  name: z.string().min(1),
  type: wirePlanType,
  /** ISO alpha-2 for type "country", else null. */
  country: z.string().length(2).nullable(),
  /** Region id (see REGION_IDS) for type "regional", else null. */
  region: z.string().nullable(),
  /** ISO alpha-2 codes covered. */
  countries: z.array(z.string().length(2)).min(1),
  data_gb: z.number().positive(),
  validity_days: z.number().int().positive(),
  /** Reseller price. */
  price: z.number().nonnegative(),
  currency: z.literal("USD"),
  is_esim_compatible: z.boolean(),
});
export type WirePlan = z.infer<typeof wirePlan>;

export const wirePlanList = z.object({ plans: z.array(wirePlan) });

/** GET /esim/plans/{id}. */
export const wirePlanDetails = wirePlan.extend({
  coverage: z.array(
    z.object({
      country: z.string().length(2),
      operators: z.array(z.string()),
      network: z.string(),
    }),
  ),
  compatible_devices: z.array(z.string()),
});
export type WirePlanDetails = z.infer<typeof wirePlanDetails>;

/** Query parameters of GET /esim/plans. */
export interface WirePlanQuery {
  country?: string;
  region?: string;
  data_gb?: string;
  validity_days?: string;
}

/** eSIM statuses on the wire: exactly the shop's ESIM_STATUSES, which follow this API's seed. */
export const wireEsimStatus = z.enum(ESIM_STATUSES);

/** POST /esim/orders request body. */
export const wireOrderRequest = z.object({
  plan_id: z.string().min(1),
  quantity: z.literal(1),
  zone_id: z.string().optional(),
  external_order_id: z.string().min(1),
});
export type WireOrderRequest = z.infer<typeof wireOrderRequest>;

/**
 * An order: the response of POST /esim/orders (201 new, 200 when the
 * external_order_id was already ordered) and of GET /esim/orders/{id}.
 * `smdp_address` is either a host or, as in the seed's example, a
 * "1$host$matching-id" string; `activation_code` is the full LPA string.
 */
export const wireOrder = z.object({
  order_id: z.string().min(1),
  // The seed's example answer has only the fields up to data_gb; the rest are
  // optional so a provider that answers exactly like the seed is understood.
  external_order_id: z.string().nullable().default(null),
  plan_id: z.string().optional(),
  status: wireEsimStatus,
  qr_code_base64: z.string().optional(),
  smdp_address: z.string().min(1),
  activation_code: z.string().optional(),
  iccid: z.string().regex(/^\d{18,22}$/),
  expires_after_activation_days: z.number().int().positive(),
  data_gb: z.number().positive(),
  data_used_mb: z.number().nonnegative().default(0),
  activated_at: z.string().datetime({ offset: true }).nullable().default(null),
  expires_at: z.string().datetime({ offset: true }).nullable().default(null),
  created_at: z.string().datetime({ offset: true }).optional(),
});
export type WireOrder = z.infer<typeof wireOrder>;

/**
 * GET /esim/orders?external_order_id=… → `{ orders: WireOrder[] }`.
 *
 * ASSUMED (the seed is silent): a successful answer with no order of that id
 * means the provider definitively has none, so the shop may refund once no
 * request of its own is still settling; a 404 or any other error means
 * nothing (the order may exist). A 4xx to POST /esim/orders or a top-up is
 * a definitive refusal (nothing was made); a timeout, a 5xx or a malformed
 * answer leaves the outcome unknown.
 */
export const wireOrderList = z.object({ orders: z.array(wireOrder) });

/** POST /esim/{order_id}/topup request body; the response is the updated WireOrder. */
export const wireTopUpRequest = z.object({
  data_gb: z.number().nonnegative(),
  validity_days: z.number().int().nonnegative(),
  external_topup_id: z.string().min(1),
});
export type WireTopUpRequest = z.infer<typeof wireTopUpRequest>;

export const wireError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type WireError = z.infer<typeof wireError>;

/**
 * Webhooks. The seed names the events (esim.activated, esim.data_low below
 * 20 %, esim.expired) and "POST /webhooks Register a webhook URL", nothing
 * more. ASSUMED here, and served exactly so by the sandbox:
 *
 * - registration: POST /webhooks `{ url, secret, events }` → `{ webhook_id, url, events }`
 *   (registering a URL again replaces its secret and events);
 * - delivery: POST <url> with a WireWebhookEvent as JSON and two headers,
 *   `X-Webhook-Timestamp: <unix seconds when sent>` and
 *   `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`
 *   (Stripe's scheme; see ./webhook-signature.ts). Every attempt, retries
 *   included, is signed when sent, so the receiver refuses deliveries signed
 *   more than 5 minutes ago or more than 30 s ahead (401), which stops a
 *   captured delivery from being replayed later;
 * - event ids are unique per event and kept on retries: the receiver handles
 *   each id once and acknowledges a repeated one (200) without acting on it;
 * - esim.topped_up is our addition for the seed's "Topped Up" state.
 */
export const WEBHOOK_EVENT_TYPES = ["esim.activated", "esim.data_low", "esim.expired", "esim.topped_up"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** POST /webhooks request body. */
export const wireWebhookRegistrationRequest = z.object({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
});
export type WireWebhookRegistrationRequest = z.infer<typeof wireWebhookRegistrationRequest>;

/** POST /webhooks response. */
export const wireWebhookRegistration = z.object({
  webhook_id: z.string().min(1),
  url: z.string().min(1),
  events: z.array(z.string()).default([]),
});
export type WireWebhookRegistration = z.infer<typeof wireWebhookRegistration>;

/**
 * The envelope of every delivery. `type` is a plain string here so a new
 * event type from the provider is acknowledged and ignored, not refused.
 */
export const wireWebhookEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created_at: z.string().datetime({ offset: true }),
  data: z.unknown(),
});

/** `data` of the eSIM events: which eSIM changed. The event is a hint; the state is read with GET /esim/orders/{id}. */
export const wireWebhookEsimData = z.object({
  order_id: z.string().min(1),
  iccid: z.string().regex(/^\d{18,22}$/),
  external_order_id: z.string().min(1).optional(),
});

/** A known eSIM event as delivered. */
export interface WireWebhookEvent {
  id: string;
  type: WebhookEventType;
  created_at: string;
  data: z.infer<typeof wireWebhookEsimData>;
}
