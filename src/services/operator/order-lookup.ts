/**
 * Finding orders and showing one: `findOrders` reads whatever the operator
 * typed as an order id, a Telegram charge id, an ICCID (or its last digits),
 * a user id or an @username; `orderCard` gathers everything stored about an
 * order with its timeline, the actions it allows and its version (which a
 * confirmed action names). No Telegram or HTTP types.
 */
import type { OperatorReads } from "../../db/operator-reads.ts";
import { orderCard, type OrderCard } from "../../domain/order-card.ts";
import { parseOrderQuery } from "../../domain/order-query.ts";
import type { Order } from "../../domain/order.ts";

export type { OrderCard };

/** At most this many orders are listed for one query. */
export const MAX_FOUND_ORDERS = 10;

/** Finding orders and their cards. */
export class OrderLookup {
  constructor(
    private readonly deps: {
      reads: OperatorReads;
      now: () => Date;
    },
  ) {}

  /** Paid orders (ever paid: delivered, refunded… not unpaid invoices) the query names, newest first. */
  async findOrders(query: string): Promise<Order[]> {
    const parsed = parseOrderQuery(query);
    return parsed ? this.deps.reads.findOrders(parsed, MAX_FOUND_ORDERS) : [];
  }

  /** The order's card, or null when there is no such order. */
  async orderCard(orderId: string): Promise<OrderCard | null> {
    const facts = await this.deps.reads.orderFacts(orderId, this.deps.now());
    return facts ? orderCard(facts) : null;
  }
}
