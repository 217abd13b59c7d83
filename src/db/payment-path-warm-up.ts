/**
 * Warms the database side of the path from a payment to its QR, right after
 * start. Prisma compiles a query plan the first time each query shape runs
 * (tens to hundreds of milliseconds on a busy machine), and the first buyer
 * after a start would pay for all of them. So the same repositories run the
 * same queries here with keys that match no row: reads find nothing,
 * conditional updates change nothing. Nothing is written, and no transaction
 * is opened (on SQLite one connection serves every query, so a transaction
 * would take in whatever else runs meanwhile). The shapes only a real write
 * can run (the payment's transaction, its job, the eSIM) stay cold.
 */
import type { Database } from "./client.ts";
import { EsimsRepository } from "./esims-repository.ts";
import { JobsRepository, type FulfilmentJob } from "./jobs-repository.ts";
import { OrdersRepository } from "./orders-repository.ts";

/** A key no row has (ids are generated with their kind as prefix, e.g. `ord_…`). */
const NO_ROW = "warm-up:no-such-row";
const EPOCH = new Date(0);

/** One warm-up query: its name (for the log) and the call. */
type WarmUpQuery = [name: string, run: () => Promise<unknown>];

/** The payment→QR path's queries, each matching nothing. */
function queries(db: Database): WarmUpQuery[] {
  const orders = new OrdersRepository(db.prisma, () => EPOCH);
  const esims = new EsimsRepository(db.prisma);
  const jobs = new JobsRepository(db.prisma, db.provider);
  const job: FulfilmentJob = {
    orderId: NO_ROW,
    status: "pending",
    attempts: 0,
    runAt: EPOCH,
    deadlineAt: EPOCH,
    lastError: null,
    preparingNoticeAt: null,
    outcomeUnknownSince: null,
    outcomeUnknownLastAt: null,
    reconcileNoticeAt: null,
    messagesSent: 0,
    leaseUntil: EPOCH,
  };
  return [
    ["payment by charge", () => orders.paymentByCharge(NO_ROW)],
    // Due before 1970: no job is.
    ["claim due jobs", () => jobs.claimDue(EPOCH, 1, 1)],
    ["order", () => orders.find(NO_ROW)],
    ["eSIM of an order", () => esims.findByOrder(NO_ROW)],
    // An update of a missing row changes nothing and throws "not found" (P2025), expected here.
    ["outcome unknown", () => jobs.noteOutcomeUnknown(job, EPOCH).catch(ignoreNotFound)],
    ["lease", () => jobs.extendLease(NO_ROW, EPOCH, EPOCH, EPOCH)],
    ["lease with messages sent", () => jobs.extendLease(NO_ROW, EPOCH, EPOCH, EPOCH, 0)],
    ["delivered", () => orders.markDelivered(NO_ROW)],
  ];
}

function ignoreNotFound(error: unknown): void {
  if ((error as { code?: unknown } | null)?.code !== "P2025") throw error;
}

/** Runs the warm-up queries one after another; a failure is reported to `onError` and the rest still run. */
export async function warmPaymentPath(db: Database, onError: (query: string, error: unknown) => void): Promise<void> {
  for (const [name, run] of queries(db)) {
    try {
      await run();
    } catch (error) {
      onError(name, error);
    }
  }
}
