/**
 * Orders: pricing an order (a new eSIM or a top-up) when its invoice is sent.
 * Top-ups are orders too, so they share every money invariant of the
 * payments service: one payment per order, recorded first, fulfilled by a job.
 */
import type { Esim, Order } from "../domain/order.ts";
import { idFor } from "../domain/ids.ts";
import type { EsimsRepository } from "../db/esims-repository.ts";
import type { OrdersRepository } from "../db/orders-repository.ts";
import { destinationFromCode, type CatalogService, type PricedPlan } from "./catalog.ts";

/** Why a top-up cannot be offered or ordered; each has a message for the user. */
export type TopUpRefusal = "not-yours" | "expired" | "not-sold";

/** What an order copies from the plan it buys, at the plan's current price. */
function pricedBy(plan: PricedPlan) {
  return {
    planId: plan.id,
    planName: plan.name,
    destinationCode: plan.destination.code,
    dataMb: plan.dataMb,
    validityDays: plan.validityDays,
    costUsdCents: plan.costUsdCents,
    currency: plan.currency,
    amount: plan.price,
  };
}

/** The eSIM is the user's: only then may they see or change it. */
export function ownedBy(esim: Esim | null, userId: number): esim is Esim {
  return esim !== null && esim.userId === userId;
}

/** Creating orders: new eSIMs and top-ups, priced when their invoice is sent. */
export class OrderService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly esims: EsimsRepository,
    private readonly catalog: Pick<CatalogService, "plan" | "plansFor">,
  ) {}

  /**
   * Prices a plan for a buyer and stores the order; undefined when the plan
   * is no longer sold. `requestKey` names the traveller's action (their Pay
   * tap): the order's id is derived from it, so an update handled again (its
   * instance died mid-way) returns the same order instead of a second one.
   */
  async create(input: { userId: number; chatId: number; planId: string; languageCode: string; requestKey: string }): Promise<Order | undefined> {
    const plan = this.catalog.plan(input.planId);
    if (!plan) return undefined;
    const { requestKey, ...order } = input;
    return this.orders.create({ id: idFor("ord", requestKey), ...pricedBy(plan), ...order });
  }

  /**
   * Prices a top-up of the user's eSIM with one of its destination's plans.
   * Refused for someone else's eSIM, an expired one, or a plan no longer sold.
   */
  async createTopUp(input: {
    userId: number;
    chatId: number;
    esimId: string;
    planId: string;
    languageCode: string;
    /** The traveller's action, as for {@link create}. */
    requestKey: string;
  }): Promise<{ ok: true; order: Order; esim: Esim } | { ok: false; reason: TopUpRefusal; esim?: Esim }> {
    const esim = await this.esims.find(input.esimId);
    if (!ownedBy(esim, input.userId)) return { ok: false, reason: "not-yours" };
    if (esim.status === "expired") return { ok: false, reason: "expired", esim };
    const plan = this.catalog.plan(input.planId);
    if (!plan || plan.destination.code !== esim.destinationCode) return { ok: false, reason: "not-sold", esim };
    const { userId, chatId, languageCode } = input;
    const id = idFor("top", input.requestKey);
    const order = await this.orders.create({ id, ...pricedBy(plan), userId, chatId, languageCode, topUpEsimId: esim.id });
    return { ok: true, order, esim };
  }

  /** Expires unpaid orders whose invoices are older than a day (their invoices are refused at pre-checkout); returns how many. */
  expireUnpaid(): Promise<number> {
    return this.orders.expireUnpaid();
  }

  /** The plans an eSIM can be topped up with, or why it cannot be. */
  async topUpOptions(userId: number, esimId: string) {
    const esim = await this.esims.find(esimId);
    if (!ownedBy(esim, userId)) return { ok: false as const, reason: "not-yours" as const };
    if (esim.status === "expired") return { ok: false as const, reason: "expired" as const, esim };
    const plans = this.catalog.plansFor(destinationFromCode(esim.destinationCode));
    if (plans.length === 0) return { ok: false as const, reason: "not-sold" as const, esim };
    return { ok: true as const, esim, plans };
  }
}
