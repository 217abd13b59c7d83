/**
 * A world for the operator's order desk (sales, needs attention, look-up,
 * actions) on a fresh SQLite or PostgreSQL database: the real repositories
 * and services, an operator list the test changes, a clock it sets, the real
 * refund worker against fake Stars refunds, and fakes for the fulfilment
 * worker and the eSIM messages that record what they were asked (the
 * latter fail on demand).
 */
import { pino } from "pino";
import { AuditRepository } from "../../src/db/audit-repository.ts";
import type { DatabaseProvider } from "../../src/db/client.ts";
import { OperatorReads } from "../../src/db/operator-reads.ts";
import { OrderActionsRepository } from "../../src/db/order-actions-repository.ts";
import { OrdersRepository } from "../../src/db/orders-repository.ts";
import { RefundsRepository } from "../../src/db/refunds-repository.ts";
import type { Esim, Order } from "../../src/domain/order.ts";
import { OperatorAccess } from "../../src/services/operator/access.ts";
import { AttentionList } from "../../src/services/operator/attention.ts";
import { AuditLog } from "../../src/services/operator/audit.ts";
import { OrderActions } from "../../src/services/operator/order-actions.ts";
import { OrderLookup } from "../../src/services/operator/order-lookup.ts";
import { SalesReport } from "../../src/services/operator/sales.ts";
import { RefundService } from "../../src/services/refunds.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import { FakeOperator, FakeRefunds, FakeWorker, type EventLog } from "./service-world.ts";

/** Units per USD the world's shop uses: 50 Stars, or 1 USD. */
export const WORLD_RATES: Record<string, number> = { XTR: 50, USD: 1 };

/** Everything an order-desk test needs. */
export interface OrderDeskWorld {
  database: TestDatabase;
  operators: number[];
  events: EventLog;
  refundsTelegram: FakeRefunds;
  sales: SalesReport;
  attention: AttentionList;
  lookup: OrderLookup;
  actions: OrderActions;
  /** The real refund worker on this database. */
  refundWorker: RefundService;
  /** When set, sending an eSIM to a traveller fails with it (e.g. they blocked the bot). */
  deliveryFailure: Error | null;
  setNow(at: Date): void;
  now(): Date;
  close(): Promise<void>;
}

/** Creates a world on `kind`; close it after the test. */
export async function createOrderDeskWorld(kind: DatabaseProvider, operators: number[]): Promise<OrderDeskWorld> {
  const database = await createTestDatabase(kind);
  const { prisma, provider } = database.db;
  let time = new Date();
  const now = () => time;
  const log = pino({ level: "silent" });
  const events: EventLog = [];
  const world = { operators: [...operators], deliveryFailure: null as Error | null };
  const access = new OperatorAccess(() => world.operators);
  const auditRepo = new AuditRepository(prisma);
  const reads = new OperatorReads(prisma, provider, auditRepo);
  const refundsTelegram = new FakeRefunds(events);
  const silentNotifier = { tellRefunded: async () => {}, tellDuplicatePayment: async () => {}, tellUnmatchedRefunded: async () => {} };
  const actions = new OrderActions({
    access,
    repo: new OrderActionsRepository(prisma),
    audit: new AuditLog({ repo: auditRepo, log, now }),
    fulfilment: new FakeWorker(events, "kick-fulfilment"),
    refunds: new FakeWorker(events, "kick-refunds"),
    notifier: {
      deliverEsim: async (order: Order, esim: Esim) => {
        if (world.deliveryFailure) throw world.deliveryFailure;
        events.push(`deliver ${order.id} ${esim.iccid}`);
      },
    },
    log,
    now,
  });
  return Object.assign(world, {
    database,
    events,
    refundsTelegram,
    sales: new SalesReport({ reads, usdRate: (currency) => WORLD_RATES[currency] ?? null, now }),
    attention: new AttentionList({ reads, orders: new OrdersRepository(prisma, now), now }),
    lookup: new OrderLookup({ reads, now }),
    actions,
    refundWorker: new RefundService({
      refunds: new RefundsRepository(prisma, provider, now),
      telegram: refundsTelegram,
      notifier: silentNotifier,
      operator: new FakeOperator(events),
      log,
      now,
      firstRetryMs: 1_000,
      giveUpAfterMs: 60 * 60_000,
    }),
    setNow: (at: Date) => void (time = at),
    now,
    close: () => database.drop(),
  });
}
