/**
 * Orders and payments: pricing an order (a new eSIM or a top-up) when its
 * invoice is sent, the cheap pre-checkout checks, and recording a successful
 * payment before anything else. Top-ups are orders too, so they share every
 * money invariant: one payment per order, recorded first, fulfilled by a job.
 */
import type { Esim, Order } from "../domain/order.ts";
import { newId } from "../domain/ids.ts";
import type { EsimsRepository } from "../db/esims-repository.ts";
import type { OrdersRepository, RecordPaymentResult, PaymentReport } from "../db/orders-repository.ts";
import { destinationFromCode, type CatalogService, type PricedPlan } from "./catalog.ts";

/** Why a pre-checkout query is refused; each has a message for the user. */
export type PreCheckoutRefusal = "unknown-order" | "already-paid" | "not-sold" | "price-changed" | "wrong-user" | "esim-expired";

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

/** What Telegram tells us in a pre_checkout_query. */
export interface PreCheckoutQuery {
  orderId: string;
  userId: number;
  currency: string;
  totalAmount: number;
}

/** Invoices older than this must be started again (prices may have moved). */
const INVOICE_LIFETIME_MS = 24 * 60 * 60_000;

/** Creating orders, checking them before payment, recording payments. */
export class OrderService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly esims: EsimsRepository,
    private readonly catalog: CatalogService,
    private readonly options: { fulfilmentDeadlineMs: number; now: () => Date },
  ) {}

  /** Prices a plan for a buyer and stores the order; undefined when the plan is no longer sold. */
  async create(input: { userId: number; chatId: number; planId: string; languageCode: string }): Promise<Order | undefined> {
    const plan = this.catalog.plan(input.planId);
    if (!plan) return undefined;
    return this.orders.create({ id: newId("ord"), ...pricedBy(plan), ...input });
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
  }): Promise<{ ok: true; order: Order; esim: Esim } | { ok: false; reason: TopUpRefusal; esim?: Esim }> {
    const esim = await this.esims.find(input.esimId);
    if (!ownedBy(esim, input.userId)) return { ok: false, reason: "not-yours" };
    if (esim.status === "expired") return { ok: false, reason: "expired", esim };
    const plan = this.catalog.plan(input.planId);
    if (!plan || plan.destination.code !== esim.destinationCode) return { ok: false, reason: "not-sold", esim };
    const { userId, chatId, languageCode } = input;
    const order = await this.orders.create({ id: newId("top"), ...pricedBy(plan), userId, chatId, languageCode, topUpEsimId: esim.id });
    return { ok: true, order, esim };
  }

  /** The plans an eSIM can be topped up with, or why it cannot be. */
  async topUpOptions(userId: number, esimId: string) {
    const esim = await this.esims.find(esimId);
    if (!ownedBy(esim, userId)) return { ok: false as const, reason: "not-yours" as const };
    if (esim.status === "expired") return { ok: false as const, reason: "expired" as const, esim };
    const plans = this.catalog.topUpOptions(destinationFromCode(esim.destinationCode));
    if (plans.length === 0) return { ok: false as const, reason: "not-sold" as const, esim };
    return { ok: true as const, esim, plans };
  }

  /** Cheap checks for answerPreCheckoutQuery: one indexed read and the in-memory catalog. */
  async checkPreCheckout(query: PreCheckoutQuery): Promise<{ ok: true; order: Order } | { ok: false; reason: PreCheckoutRefusal }> {
    const order = await this.orders.find(query.orderId);
    if (!order) return { ok: false, reason: "unknown-order" };
    if (order.userId !== query.userId) return { ok: false, reason: "wrong-user" };
    if (order.status !== "awaiting_payment") return { ok: false, reason: "already-paid" };
    const plan = this.catalog.plan(order.planId);
    if (!plan) return { ok: false, reason: "not-sold" };
    const expired = this.options.now().getTime() - order.createdAt.getTime() > INVOICE_LIFETIME_MS;
    if (
      expired ||
      plan.price !== order.amount ||
      plan.currency !== order.currency ||
      query.currency !== order.currency ||
      query.totalAmount !== order.amount
    ) {
      return { ok: false, reason: "price-changed" };
    }
    if (order.topUpEsimId !== null) {
      // The eSIM may have expired since the invoice was sent: nothing would be left to top up.
      const esim = await this.esims.find(order.topUpEsimId);
      if (!esim || esim.status === "expired") return { ok: false, reason: "esim-expired" };
    }
    return { ok: true, order };
  }

  /** Records a successful payment first; a new one also creates the fulfilment job. */
  recordPayment(report: PaymentReport): Promise<RecordPaymentResult> {
    const deadlineAt = new Date(this.options.now().getTime() + this.options.fulfilmentDeadlineMs);
    return this.orders.recordPayment(report, { deadlineAt });
  }
}
