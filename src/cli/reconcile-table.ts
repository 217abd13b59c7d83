/** The reconcile report as a readable table for a terminal. */
import type { Mismatch, ReconcileReport } from "../services/reconcile-report.ts";

/** The report's lines: the figures of each side, then every mismatch with its ids. */
export function formatReport(report: ReconcileReport, days: number): string[] {
  const { telegram, payments, upstream } = report;
  const lines = [
    `Reconciliation of the last ${days} day${days === 1 ? "" : "s"}: ${stamp(report.from)} → ${stamp(report.to)}`,
    "",
    ...columns([
      ["Telegram Stars", `${telegram.charges} charges (${telegram.starsIn} ⭐), ${telegram.refunds} refunds (${telegram.starsOut} ⭐)`],
      ["Payments recorded", `${payments.recorded}${payments.recorded ? `: ${counts(payments.byStatus)}` : ""}`],
      ["Orders", counts(report.orders) || "none"],
      ["Upstream orders", `${upstream.checked} looked up: ${upstream.found} found, ${upstream.absent} absent, ${upstream.unknown} unknown`],
      ["Refunds", counts(report.refunds) || "none"],
    ]),
    "",
  ];
  if (report.mismatches.length === 0) return [...lines, "No mismatches: every charge, payment, refund and order agrees."];
  const header: Row = ["KIND", "CHARGE", "PAYMENT", "ORDER", "REFUND", "DETAIL"];
  return [...lines, `Mismatches (${report.mismatches.length}):`, ...columns([header, ...report.mismatches.map(mismatchRow)])];
}

type Row = string[];

function mismatchRow(mismatch: Mismatch): Row {
  const id = (value: string | undefined) => value ?? "-";
  return [mismatch.kind, id(mismatch.chargeId), id(mismatch.paymentId), id(mismatch.orderId), id(mismatch.refundId), mismatch.detail];
}

/** Non-zero counts, e.g. "delivered 3, refunded 1". */
function counts(byKey: Record<string, number>): string {
  return Object.entries(byKey)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => `${key} ${count}`)
    .join(", ");
}

/** Rows padded to aligned columns (the last column is not padded). */
function columns(rows: Row[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => [...(row[i] ?? "")].length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + cell.length - [...cell].length))).join("  "));
}

function stamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
