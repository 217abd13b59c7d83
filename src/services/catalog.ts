/**
 * The catalog as the shop sells it: plans from the provider, priced for the
 * traveller, grouped by destination. Plans are loaded at start and refreshed
 * from time to time; conversations read the in-memory snapshot, so a traveller
 * never waits on the provider's catalog. A failed refresh keeps the last good one.
 */
import type { DestinationRef } from "../domain/destinations/index.ts";
import { retailPrice, type PricingPolicy } from "../domain/pricing.ts";
import type { EsimProvider, Plan, PlanDetails } from "../providers/port.ts";
import type { Logger } from "./logger.ts";

/** A plan with its retail price. */
export interface PricedPlan extends Plan {
  /** In the payment currency's smallest unit. */
  price: number;
  currency: string;
}

/** A plan's full details with its retail price. */
export type PricedPlanDetails = PlanDetails & { price: number; currency: string };

/** A data amount on sale for a destination, with the cheapest price for it. */
export interface DataOption {
  dataMb: number;
  fromPrice: number;
}

/** A plan offered for a chosen destination and data amount. */
export interface ValidityOption {
  planId: string;
  validityDays: number;
  price: number;
}

const DETAILS_TTL_MS = 10 * 60_000;

/** Stable key of a destination, e.g. "country:JP", "region:europe", "global:global". */
export function destinationKey(destination: DestinationRef): string {
  return `${destination.kind}:${destination.code}`;
}

/** Where a stored destination code points: "JP", "europe", "global". */
export function destinationFromCode(code: string): DestinationRef {
  if (code === "global") return { kind: "global", code };
  if (/^[A-Z]{2}$/.test(code)) return { kind: "country", code };
  return { kind: "region", code };
}

interface Snapshot {
  byId: Map<string, PricedPlan>;
  byDestination: Map<string, PricedPlan[]>;
}

/** The priced, grouped catalog. */
export class CatalogService {
  #snapshot: Snapshot = { byId: new Map(), byDestination: new Map() };
  readonly #details = new Map<string, { at: number; value: PlanDetails }>();

  constructor(
    private readonly provider: EsimProvider,
    private readonly pricing: PricingPolicy,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Loads every plan from the provider; on failure keeps the last good catalog and rethrows. */
  async refresh(): Promise<void> {
    const plans = await this.provider.listPlans();
    const byId = new Map<string, PricedPlan>();
    const byDestination = new Map<string, PricedPlan[]>();
    for (const plan of plans) {
      const priced = { ...plan, price: retailPrice(plan.costUsdCents, this.pricing), currency: this.pricing.currency };
      byId.set(plan.id, priced);
      const key = destinationKey(plan.destination);
      const list = byDestination.get(key) ?? [];
      list.push(priced);
      byDestination.set(key, list);
    }
    for (const list of byDestination.values()) list.sort((a, b) => a.dataMb - b.dataMb || a.validityDays - b.validityDays);
    this.#snapshot = { byId, byDestination };
    this.#details.clear();
    this.log.info({ plans: byId.size, destinations: byDestination.size }, "catalog loaded");
  }

  /** The payment currency prices are in ("XTR" for Stars). */
  get currency(): string {
    return this.pricing.currency;
  }

  /** Number of plans on sale. */
  get size(): number {
    return this.#snapshot.byId.size;
  }

  /** Every destination with at least one plan. */
  destinations(): DestinationRef[] {
    return [...this.#snapshot.byDestination.values()].map((plans) => plans[0]!.destination);
  }

  /** True when the destination has plans on sale. */
  sells(destination: DestinationRef): boolean {
    return this.#snapshot.byDestination.has(destinationKey(destination));
  }

  /** Regional and worldwide destinations whose plans cover a country (for "not sold here, try these"). */
  destinationsCovering(countryCode: string): DestinationRef[] {
    const found: DestinationRef[] = [];
    for (const plans of this.#snapshot.byDestination.values()) {
      const first = plans[0]!;
      if (first.destination.kind !== "country" && plans.some((p) => p.coverage.includes(countryCode))) {
        found.push(first.destination);
      }
    }
    return found;
  }

  /** Data amounts on sale for a destination, smallest first, each with its cheapest price. */
  dataOptions(destination: DestinationRef): DataOption[] {
    const options = new Map<number, number>();
    for (const plan of this.#plansFor(destination)) {
      options.set(plan.dataMb, Math.min(options.get(plan.dataMb) ?? Infinity, plan.price));
    }
    return [...options].map(([dataMb, fromPrice]) => ({ dataMb, fromPrice })).sort((a, b) => a.dataMb - b.dataMb);
  }

  /** Plans for a destination and data amount, shortest validity first. */
  validityOptions(destination: DestinationRef, dataMb: number): ValidityOption[] {
    return this.#plansFor(destination)
      .filter((plan) => plan.dataMb === dataMb)
      .map((plan) => ({ planId: plan.id, validityDays: plan.validityDays, price: plan.price }))
      .sort((a, b) => a.validityDays - b.validityDays);
  }

  /**
   * Every plan on sale for a destination, smallest data amount first. They
   * are also what an eSIM for it can be topped up with: neither API lists
   * top-up products, so a top-up adds a plan's data and days at its price.
   */
  plansFor(destination: DestinationRef): readonly PricedPlan[] {
    return this.#plansFor(destination);
  }

  /** A plan on sale, or undefined when it is no longer sold. */
  plan(planId: string): PricedPlan | undefined {
    return this.#snapshot.byId.get(planId);
  }

  /** Coverage, operators and compatible devices of a plan (cached for a few minutes). */
  async details(planId: string): Promise<PricedPlanDetails | undefined> {
    const plan = this.plan(planId);
    if (!plan) return undefined;
    const cached = this.#details.get(planId);
    let details = cached && this.clock() - cached.at < DETAILS_TTL_MS ? cached.value : undefined;
    if (!details) {
      details = await this.provider.getPlan(planId);
      this.#details.set(planId, { at: this.clock(), value: details });
    }
    return { ...details, price: plan.price, currency: plan.currency };
  }

  #plansFor(destination: DestinationRef): PricedPlan[] {
    return this.#snapshot.byDestination.get(destinationKey(destination)) ?? [];
  }
}
