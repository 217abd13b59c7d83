/**
 * What the web dashboard shows, as use cases free of HTTP: every call takes
 * the operator's id and re-checks ADMIN_IDS at that moment (null: refused),
 * so a session opened before an operator was removed reads nothing.
 */
import type { DashboardBroadcastsReads, BroadcastSummary } from "../../db/dashboard-broadcasts-reads.ts";
import type { DashboardEsimsReads, EsimFilter, EsimRow } from "../../db/dashboard-esims-reads.ts";
import type { DashboardOrdersReads, OrderCursor, OrderFilter, OrderRow, OrderSorting } from "../../db/dashboard-orders-reads.ts";
import type { DashboardOverviewReads } from "../../db/dashboard-overview-reads.ts";
import type { ReconcileReport } from "../reconcile-report.ts";
import type { OperatorAccess } from "./access.ts";
import type { ActionResult, OrderActions } from "./order-actions.ts";
import type { OrderCard, OrderLookup } from "./order-lookup.ts";
import type { OrderAction } from "../../domain/order-card.ts";
import { buildOverview, OverviewDays, warmOverviewDays, type Overview, type OverviewPeriod } from "./dashboard-overview.ts";

// The web layer reaches the rows' shapes through this service, never db/ itself.
export { ORDER_SORTS } from "../../db/dashboard-orders-reads.ts";
export type { OrderCursor, OrderFilter, OrderRow, OrderSort, OrderSorting } from "../../db/dashboard-orders-reads.ts";
export type { EsimFilter, EsimRow } from "../../db/dashboard-esims-reads.ts";
export type { BroadcastSummary } from "../../db/dashboard-broadcasts-reads.ts";

/** Rows per page of the orders and eSIMs tables. */
export const PAGE_SIZE = 50;

/** A page of a table. */
export interface Page<Row> {
  rows: Row[];
  total: number;
  /** 1-based. */
  page: number;
  pages: number;
}

/**
 * The orders table's request: the page after or before a row (keyset paging),
 * or the first page. `page` is only the number to show (the one the link
 * that led here counted); it never decides which rows are read.
 */
export interface OrdersQuery {
  filter: OrderFilter;
  sort: OrderSorting;
  page: number;
  after?: OrderCursor;
  before?: OrderCursor;
}

/** A page of the orders table and where its neighbours start (null: no such page). */
export interface OrdersPage extends Page<OrderRow> {
  previous: OrderCursor | null;
  next: OrderCursor | null;
}

/** How long the filters' choices are reused: two DISTINCT scans of every order are not worth repeating on each page. */
const CHOICES_TTL_MS = 60_000;

/** The dashboard's reads. */
export class DashboardService {
  readonly #overviewDays = new OverviewDays();
  /** The warm-up while it runs (then undefined, done or failed): an overview waits for it rather than compute the same days again. */
  #warming: Promise<unknown> | undefined;
  /** An overview is waiting for the warm-up: it stops taking turns with other work. */
  #overviewWaiting = false;
  #choices: { at: number; value: Promise<{ destinations: string[]; providers: string[] }> } | undefined;

  constructor(
    private readonly deps: {
      access: OperatorAccess;
      overview: DashboardOverviewReads;
      orders: DashboardOrdersReads;
      esims: DashboardEsimsReads;
      broadcasts: DashboardBroadcastsReads;
      /** The order card and the actions: the same ones the Telegram /admin card uses. */
      lookup: Pick<OrderLookup, "orderCard">;
      actions: Pick<OrderActions, "retryDelivery" | "resendEsim" | "refundOrder" | "resolveOrder">;
      /** The ledger report for the `days` before now (Telegram, the database and the provider). */
      reconcile: (days: number) => Promise<ReconcileReport>;
      currency: string;
      perUsd: number;
      lowDataPercent: number;
      expiryWarningHours: number;
      now: () => Date;
    },
  ) {}

  /** Whether `operatorId` may use the dashboard now. */
  isOperator(operatorId: number): boolean {
    return this.deps.access.isOperator(operatorId);
  }

  /**
   * Computes the overview's figures for the longest period ahead of the first
   * overview (called at start-up, not awaited there). A failure leaves the
   * days to the first overview, which computes what is missing.
   */
  warmUp(): Promise<void> {
    const warming = warmOverviewDays(this.deps.overview, this.#overviewDays, this.deps.now(), () => this.#overviewWaiting);
    this.#warming = warming.catch(() => undefined).then(() => (this.#warming = undefined));
    return warming;
  }

  async overview(operatorId: number, days: OverviewPeriod): Promise<Overview | null> {
    if (!this.isOperator(operatorId)) return null;
    if (this.#warming) {
      this.#overviewWaiting = true;
      await this.#warming;
    }
    return buildOverview(this.deps.overview, this.#overviewDays, { days, now: this.deps.now(), currency: this.deps.currency, perUsd: this.deps.perUsd });
  }

  async orders(operatorId: number, query: OrdersQuery): Promise<OrdersPage | null> {
    if (!this.isOperator(operatorId)) return null;
    const at = { take: PAGE_SIZE, ...(query.after ? { after: query.after } : {}), ...(query.before ? { before: query.before } : {}) };
    const result = await this.deps.orders.page(query.filter, query.sort, at);
    // The shown number follows the links (orders written meanwhile shift pages): 1 exactly when nothing is before this page.
    const counted = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const page = result.previous === null ? 1 : Math.max(2, Math.floor(query.page));
    const pages = result.next === null ? page : Math.max(counted, page + 1);
    return { ...result, page, pages };
  }

  /** The filters' choices (destinations and providers that orders have), at most a minute old. */
  async orderChoices(operatorId: number): Promise<{ destinations: string[]; providers: string[] } | null> {
    if (!this.isOperator(operatorId)) return null;
    const at = this.deps.now().getTime();
    if (!this.#choices || at - this.#choices.at > CHOICES_TTL_MS) {
      const value = this.deps.orders.choices();
      this.#choices = { at, value };
      // A failed read is not kept.
      value.catch(() => (this.#choices = undefined));
    }
    return this.#choices.value;
  }

  /** Every order matching the filter, in batches, newest first (the CSV export). */
  exportOrders(operatorId: number, filter: OrderFilter): AsyncGenerator<OrderRow[]> | null {
    if (!this.isOperator(operatorId)) return null;
    return this.deps.orders.all(filter);
  }

  async esims(operatorId: number, filter: EsimFilter, page: number): Promise<Page<EsimRow> | null> {
    if (!this.isOperator(operatorId)) return null;
    const now = this.deps.now();
    const current = Math.max(1, Math.floor(page));
    const rules = { lowDataPercent: this.deps.lowDataPercent, expiringBefore: new Date(now.getTime() + this.deps.expiryWarningHours * 3_600_000), now };
    const result = await this.deps.esims.page(filter, rules, { skip: (current - 1) * PAGE_SIZE, take: PAGE_SIZE });
    return { ...result, page: current, pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)) };
  }

  /** The share of data left under which an eSIM counts as low (LOW_DATA_PERCENT). */
  get lowDataPercent(): number {
    return this.deps.lowDataPercent;
  }

  async reconciliation(operatorId: number, days: number): Promise<ReconcileReport | null> {
    if (!this.isOperator(operatorId)) return null;
    return this.deps.reconcile(days);
  }

  /** The order's card (facts, timeline, allowed actions, version); null when refused; "missing" when there is no such order. */
  async order(operatorId: number, orderId: string): Promise<OrderCard | "missing" | null> {
    if (!this.isOperator(operatorId)) return null;
    return (await this.deps.lookup.orderCard(orderId)) ?? "missing";
  }

  /** Carries out a confirmed action on the card `version` it was confirmed on (the actions re-check ADMIN_IDS and audit). */
  act(operatorId: number, action: OrderAction, orderId: string, version: number, note: string | undefined): Promise<ActionResult> {
    const { actions } = this.deps;
    switch (action) {
      case "retry":
        return actions.retryDelivery(operatorId, orderId, version);
      case "resend":
        return actions.resendEsim(operatorId, orderId, version);
      case "refund":
        return actions.refundOrder(operatorId, orderId, version, note);
      case "resolve":
        return actions.resolveOrder(operatorId, orderId, version, note ?? "");
    }
  }

  async broadcasts(operatorId: number): Promise<BroadcastSummary[] | null> {
    if (!this.isOperator(operatorId)) return null;
    return this.deps.broadcasts.latest(50);
  }
}
