/**
 * Needs attention: paid orders not delivered by their fulfilment deadline,
 * orders handed to the operator (card refunds, outcomes that stayed
 * unknown), refunds Telegram refused, card refunds to make by hand, and
 * refunds found in Telegram's ledger that the shop did not make — newest
 * first, paged. An order leaves the list when it is settled or an operator
 * marks it resolved (until a newer problem arises). No Telegram or HTTP types.
 */
import type { AttentionReason, AttentionRow, OperatorReads } from "../../db/operator-reads.ts";
import type { Order } from "../../domain/order.ts";
import type { OrdersRepository } from "../../db/orders-repository.ts";

export type { AttentionReason };

/** Items on one page. */
export const ATTENTION_PAGE_SIZE = 8;

/** One item: the order (if the problem has one) and why it needs the operator. */
export interface AttentionItem extends AttentionRow {
  order: Order | null;
}

/** One page of the list. */
export interface AttentionPage {
  items: AttentionItem[];
  /** 0-based; clamped to the last page. */
  page: number;
  pages: number;
  total: number;
}

/** The list of orders that need the operator. */
export class AttentionList {
  constructor(
    private readonly deps: {
      reads: OperatorReads;
      orders: OrdersRepository;
      now: () => Date;
    },
  ) {}

  /** Page `page` (0-based) of the list, newest problem first. */
  async attentionList(page: number): Promise<AttentionPage> {
    const rows = await this.deps.reads.attention(this.deps.now());
    const pages = Math.max(1, Math.ceil(rows.length / ATTENTION_PAGE_SIZE));
    const current = Math.min(Math.max(0, Math.floor(page)), pages - 1);
    const slice = rows.slice(current * ATTENTION_PAGE_SIZE, (current + 1) * ATTENTION_PAGE_SIZE);
    const items = await Promise.all(slice.map(async (row) => ({ ...row, order: row.orderId ? await this.deps.orders.find(row.orderId) : null })));
    return { items, page: current, pages, total: rows.length };
  }
}
