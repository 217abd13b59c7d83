/**
 * Orders and payments: pricing an order when its invoice is sent, the cheap
 * pre-checkout checks, and recording a successful payment before anything else.
 */
import type { Order } from "../domain/order.ts";
import { newId } from "../domain/ids.ts";
import type { OrdersRepository, RecordPaymentResult, PaymentReport } from "../db/orders-repository.ts";
import type { CatalogService } from "./catalog.ts";

/** Why a pre-checkout query is refused; each has a message for the user. */
export type PreCheckoutRefusal = "unknown-order" | "already-paid" | "not-sold" | "price-changed" | "wrong-user";

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
    private readonly catalog: CatalogService,
    private readonly options: { fulfilmentDeadlineMs: number; now: () => Date },
  ) {}

  /** Prices a plan for a buyer and stores the order; undefined when the plan is no longer sold. */
  async create(input: { userId: number; chatId: number; planId: string; languageCode: string }): Promise<Order | undefined> {
    const plan = this.catalog.plan(input.planId);
    if (!plan) return undefined;
    return this.orders.create({
      id: newId("ord"),
      userId: input.userId,
      chatId: input.chatId,
      planId: plan.id,
      planName: plan.name,
      destinationCode: plan.destination.code,
      dataMb: plan.dataMb,
      validityDays: plan.validityDays,
      costUsdCents: plan.costUsdCents,
      currency: plan.currency,
      amount: plan.price,
      languageCode: input.languageCode,
    });
  }

  /** The order with this id, or null. */
  find(orderId: string): Promise<Order | null> {
    return this.orders.find(orderId);
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
    return { ok: true, order };
  }

  /** Records a successful payment first; a new one also creates the fulfilment job. */
  recordPayment(report: PaymentReport): Promise<RecordPaymentResult> {
    const deadlineAt = new Date(this.options.now().getTime() + this.options.fulfilmentDeadlineMs);
    return this.orders.recordPayment(report, { deadlineAt });
  }
}
