/**
 * The generic eSIM API (shared/seeds/000_…txt) behind the provider port.
 */
import { gbToMb, MB_PER_GB } from "../../domain/data-amount.ts";
import { parseLpa, type ActivationDetails } from "../../domain/lpa.ts";
import { ProviderResponseError } from "../errors.ts";
import type { DestinationRef } from "../../domain/destinations/index.ts";
import type {
  EsimProvider,
  EsimUsage,
  PlaceOrderInput,
  Plan,
  PlanDetails,
  PlanFilter,
  ProviderOrder,
  TopUpInput,
  WebhookRegistration,
} from "../port.ts";
import { JsonHttpClient, type JsonHttpOptions } from "../http/json-client.ts";
import {
  WEBHOOK_EVENT_TYPES,
  wireOrder,
  wireOrderList,
  wirePlanDetails,
  wirePlanList,
  wireWebhookRegistration,
  type WireOrder,
  type WireOrderRequest,
  type WirePlan,
  type WireTopUpRequest,
  type WireWebhookRegistrationRequest,
} from "./wire.ts";

/** EsimProvider over the generic plans/orders HTTP API. */
export class GenericApiProvider implements EsimProvider {
  readonly #http: JsonHttpClient;

  constructor(options: JsonHttpOptions) {
    this.#http = new JsonHttpClient({ providerName: "giapi", ...options });
  }

  async listPlans(filter: PlanFilter = {}): Promise<Plan[]> {
    const { plans } = await this.#http.get("/esim/plans", wirePlanList, {
      country: filter.country,
      region: filter.region,
      data_gb: filter.dataMb === undefined ? undefined : String(filter.dataMb / MB_PER_GB),
      validity_days: filter.validityDays === undefined ? undefined : String(filter.validityDays),
    });
    return plans.map(toPlan);
  }

  async getPlan(planId: string): Promise<PlanDetails> {
    const plan = await this.#http.get(`/esim/plans/${encodeURIComponent(planId)}`, wirePlanDetails);
    return {
      ...toPlan(plan),
      operators: plan.coverage.map((c) => ({ country: c.country, operators: c.operators, network: c.network })),
      compatibleDevices: plan.compatible_devices,
    };
  }

  async placeOrder(input: PlaceOrderInput): Promise<ProviderOrder> {
    const body: WireOrderRequest = { plan_id: input.planId, quantity: 1, external_order_id: input.externalOrderId };
    return toProviderOrder(await this.#http.post("/esim/orders", body, wireOrder));
  }

  async findOrderByExternalId(externalOrderId: string): Promise<ProviderOrder | null> {
    const { orders } = await this.#http.get("/esim/orders", wireOrderList, { external_order_id: externalOrderId });
    const order = orders.find((o) => o.external_order_id === externalOrderId);
    return order ? toProviderOrder(order) : null;
  }

  async getUsage(providerOrderId: string): Promise<EsimUsage> {
    return toUsage(await this.#http.get(`/esim/orders/${encodeURIComponent(providerOrderId)}`, wireOrder));
  }

  async topUp(input: TopUpInput): Promise<EsimUsage> {
    const body: WireTopUpRequest = {
      data_gb: input.dataMb / MB_PER_GB,
      validity_days: input.validityDays,
      external_topup_id: input.externalTopUpId,
    };
    return toUsage(await this.#http.post(`/esim/${encodeURIComponent(input.providerOrderId)}/topup`, body, wireOrder));
  }

  async registerWebhook(input: WebhookRegistration): Promise<void> {
    const body: WireWebhookRegistrationRequest = { url: input.url, secret: input.secret, events: [...WEBHOOK_EVENT_TYPES] };
    await this.#http.post("/webhooks", body, wireWebhookRegistration);
  }

  /** Releases the connection pool. */
  close(): Promise<void> {
    return this.#http.close();
  }
}

function destinationOf(plan: WirePlan): DestinationRef | null {
  if (plan.type === "global") return { kind: "global", code: "global" };
  if (plan.type === "regional") return plan.region ? { kind: "region", code: plan.region } : null;
  return plan.country ? { kind: "country", code: plan.country.toUpperCase() } : null;
}

function toPlan(plan: WirePlan): Plan {
  const destination = destinationOf(plan);
  if (!destination) throw new ProviderResponseError(`plan ${plan.plan_id}: ${plan.type} plan without its destination`);
  return {
    id: plan.plan_id,
    name: plan.name,
    destination,
    coverage: plan.countries.map((c) => c.toUpperCase()),
    dataMb: gbToMb(plan.data_gb),
    validityDays: plan.validity_days,
    costUsdCents: Math.round(plan.price * 100),
  };
}

/** The seed sends "1$host$id" in smdp_address; others send a host plus an LPA activation_code. */
function activationOf(order: WireOrder): ActivationDetails {
  const details =
    (order.activation_code ? parseLpa(order.activation_code) : null) ?? parseLpa(order.smdp_address);
  if (!details) throw new ProviderResponseError(`order ${order.order_id}: no activation code in the response`);
  return details;
}

function toProviderOrder(order: WireOrder): ProviderOrder {
  const { smdpAddress, matchingId } = activationOf(order);
  return {
    providerOrderId: order.order_id,
    externalOrderId: order.external_order_id ?? "",
    iccid: order.iccid,
    smdpAddress,
    matchingId,
    status: order.status,
    dataMb: gbToMb(order.data_gb),
    validityDays: order.expires_after_activation_days,
  };
}

function toUsage(order: WireOrder): EsimUsage {
  return {
    providerOrderId: order.order_id,
    status: order.status,
    dataMb: gbToMb(order.data_gb),
    usedMb: Math.round(order.data_used_mb),
    activatedAt: order.activated_at ? new Date(order.activated_at) : null,
    expiresAt: order.expires_at ? new Date(order.expires_at) : null,
  };
}
