/**
 * The provider port: what the shop needs from an upstream eSIM provider.
 * Each upstream API (giapi/, octopus/) implements it; services depend only on
 * this file and on ./errors.ts. The types it shares with the rest of the shop
 * (destinations, eSIM statuses) belong to the domain.
 */
import type { DestinationRef, RegionId } from "../domain/destinations/index.ts";
import type { EsimStatus } from "../domain/order.ts";

/** A plan as listed in the catalog. */
export interface Plan {
  id: string;
  name: string;
  destination: DestinationRef;
  /** ISO alpha-2 codes of every country the plan works in. */
  coverage: string[];
  dataMb: number;
  validityDays: number;
  /** What the reseller pays upstream, in US cents. */
  costUsdCents: number;
}

export interface CountryOperators {
  /** ISO alpha-2. */
  country: string;
  operators: string[];
  /** e.g. "4G/5G". */
  network: string;
}

/** A plan with the details shown before payment. */
export interface PlanDetails extends Plan {
  operators: CountryOperators[];
  compatibleDevices: string[];
}

export interface PlanFilter {
  /** ISO alpha-2. */
  country?: string;
  region?: RegionId;
  dataMb?: number;
  validityDays?: number;
}

/** What the provider returns for an order: everything needed to install the eSIM. */
export interface ProviderOrder {
  providerOrderId: string;
  externalOrderId: string;
  iccid: string;
  /** SM-DP+ host, e.g. "rsp.example.com". */
  smdpAddress: string;
  /** The activation (matching) id that goes after the SM-DP+ address in the LPA string. */
  matchingId: string;
  status: EsimStatus;
  dataMb: number;
  validityDays: number;
}

/** Current state and usage of an eSIM at the provider. */
export interface EsimUsage {
  providerOrderId: string;
  status: EsimStatus;
  dataMb: number;
  usedMb: number;
  activatedAt: Date | null;
  expiresAt: Date | null;
}

export interface PlaceOrderInput {
  planId: string;
  /** Our order id; the provider keeps it so a retry can find the order. */
  externalOrderId: string;
}

export interface TopUpInput {
  providerOrderId: string;
  /** Extra data in MB (0 for validity only). */
  dataMb: number;
  /** Extra validity days (0 for data only). */
  validityDays: number;
  /** Our id for the top-up, so a retry never adds twice. */
  externalTopUpId: string;
}

/** Where the provider should send its webhooks, and the key it signs them with. */
export interface WebhookRegistration {
  /** Absolute http(s) URL of the bot's webhook endpoint. */
  url: string;
  secret: string;
}

export interface EsimProvider {
  /** Every plan on sale, optionally filtered. */
  listPlans(filter?: PlanFilter): Promise<Plan[]>;
  /** One plan with coverage, operators and compatible devices. */
  getPlan(planId: string): Promise<PlanDetails>;
  /** Orders an eSIM. Safe to call again with the same externalOrderId. */
  placeOrder(input: PlaceOrderInput): Promise<ProviderOrder>;
  /** Finds an order by our id, to settle an order whose outcome is unknown. */
  findOrderByExternalId(externalOrderId: string): Promise<ProviderOrder | null>;
  /** Status and usage of an ordered eSIM. */
  getUsage(providerOrderId: string): Promise<EsimUsage>;
  /** Adds data or validity to an eSIM without reinstalling it. */
  topUp(input: TopUpInput): Promise<EsimUsage>;
  /**
   * Asks the provider to push lifecycle events to `url` (optional: providers
   * without webhooks leave it out and polling alone watches their eSIMs).
   */
  registerWebhook?(input: WebhookRegistration): Promise<void>;
}
