/**
 * Sales for the operator: today (since midnight UTC), the last 7 or 30 days,
 * computed from the orders in the database (see domain/sales.ts for what
 * each figure counts). Revenue is converted to USD at the shop's configured
 * rates for the margin. No Telegram or HTTP types.
 */
import type { OperatorReads } from "../../db/operator-reads.ts";
import { periodStart, summarizeSales, type SalesPeriod, type SalesSummary, type UsdRate } from "../../domain/sales.ts";

export type { SalesPeriod, SalesSummary };

/** The sales figures. */
export class SalesReport {
  constructor(
    private readonly deps: {
      reads: OperatorReads;
      /** Units of a currency per USD (the shop's pricing rates), null when unknown. */
      usdRate: UsdRate;
      now: () => Date;
    },
  ) {}

  /** The figures of one period, up to now. */
  async salesSummary(period: SalesPeriod): Promise<SalesSummary> {
    const to = this.deps.now();
    const from = periodStart(period, to);
    return summarizeSales(await this.deps.reads.salesFacts(from, to), period, from, to, this.deps.usdRate);
  }
}
