/**
 * The CSV export of the filtered orders, streamed in batches so 100,000 rows
 * never sit in memory at once. RFC 4180 quoting is a few lines, so it is
 * written here rather than pulling in a CSV package; cells that a
 * spreadsheet would run as a formula (= + - @) are prefixed with a quote.
 */
import type { OrderRow } from "../services/operator/dashboard.ts";

const HEADER = ["order_id", "created_at", "user_id", "destination", "plan", "top_up", "currency", "amount", "cost_usd_cents", "status", "provider", "paid_at", "delivered_at"];

function cell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(row: OrderRow): string {
  return [
    row.id,
    row.createdAt.toISOString(),
    row.userId,
    row.destinationCode,
    row.planName,
    row.topUp,
    row.currency,
    row.amount,
    row.costUsdCents,
    row.status,
    row.provider,
    row.paidAt?.toISOString() ?? null,
    row.deliveredAt?.toISOString() ?? null,
  ]
    .map(cell)
    .join(",");
}

/** The CSV as a stream of UTF-8 chunks: the header, then one chunk per batch. */
export function ordersCsvStream(batches: AsyncGenerator<OrderRow[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${HEADER.join(",")}\r\n`));
        return;
      }
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((row) => `${line(row)}\r\n`).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
