/**
 * Builds the operator side on the database and the Telegram ports: who is an
 * operator (ADMIN_IDS), the audit log, broadcasts and the loop that sends
 * them. The Telegram /admin menu and (later) the web dashboard use these.
 */
import { AuditRepository } from "../db/audit-repository.ts";
import { BroadcastDeliveriesRepository } from "../db/broadcast-deliveries-repository.ts";
import { BroadcastsRepository } from "../db/broadcasts-repository.ts";
import { OperatorReads } from "../db/operator-reads.ts";
import { OrderActionsRepository } from "../db/order-actions-repository.ts";
import { OrdersRepository } from "../db/orders-repository.ts";
import type { Worker } from "../services/ports.ts";
import { AttentionList } from "../services/operator/attention.ts";
import { OrderActions } from "../services/operator/order-actions.ts";
import { OrderLookup } from "../services/operator/order-lookup.ts";
import { SalesReport } from "../services/operator/sales.ts";
import { createJobLoop, type JobLoop } from "../scheduler/job-loop.ts";
import { OperatorAccess } from "../services/operator/access.ts";
import { AuditLog } from "../services/operator/audit.ts";
import { BroadcastSender, type SenderOptions } from "../services/operator/broadcast-sender.ts";
import { BroadcastService } from "../services/operator/broadcasts.ts";
import type { ServiceInputs } from "./services.ts";

/** How often the broadcast loop looks for due deliveries when it has nothing to do. */
const BROADCAST_INTERVAL_MS = 1_000;

/** The operator services. */
export interface OperatorServices {
  access: OperatorAccess;
  audit: AuditLog;
  broadcasts: BroadcastService;
  sales: SalesReport;
  attention: AttentionList;
  lookup: OrderLookup;
  actions: OrderActions;
}

/** The workers operator actions wake. */
export interface OperatorWorkers {
  fulfilment: Worker;
  refunds: Worker;
}

/** The operator services, and the loop that sends broadcasts (started by the app's background parts). */
export function buildOperator(inputs: ServiceInputs, workers: OperatorWorkers): { operator: OperatorServices; broadcastLoop: JobLoop } {
  const { config, db, users, telegram, now } = inputs;
  const log = inputs.log.child({ part: "operator" });
  const access = OperatorAccess.of(config.adminIds);
  const auditRepo = new AuditRepository(db.prisma);
  const audit = new AuditLog({ repo: auditRepo, log, now });
  const broadcastsRepo = new BroadcastsRepository(db.prisma);
  const sender = new BroadcastSender({
    deliveries: new BroadcastDeliveriesRepository(db.prisma, db.provider),
    broadcasts: broadcastsRepo,
    users,
    messenger: telegram.broadcasts,
    log: inputs.log.child({ part: "broadcasts" }),
    now,
    options: inputs.broadcastSender ?? {},
  });
  const broadcastLoop = createJobLoop({ name: "broadcasts", intervalMs: BROADCAST_INTERVAL_MS, work: () => sender.runDue(), log });
  const broadcasts = new BroadcastService({ access, broadcasts: broadcastsRepo, audit, worker: broadcastLoop, log, now });
  return { operator: { access, audit, broadcasts, ...buildOrderDesk(inputs, { access, audit, auditRepo, workers }) }, broadcastLoop };
}

/** Sales, needs attention, look-up and the actions on orders. */
function buildOrderDesk(
  inputs: ServiceInputs,
  parts: { access: OperatorAccess; audit: AuditLog; auditRepo: AuditRepository; workers: OperatorWorkers },
): Pick<OperatorServices, "sales" | "attention" | "lookup" | "actions"> {
  const { config, db, telegram, now } = inputs;
  const reads = new OperatorReads(db.prisma, db.provider, parts.auditRepo);
  const usdRate = (currency: string) => (currency === config.payments.currency ? config.payments.perUsd : null);
  const actions = new OrderActions({
    access: parts.access,
    repo: new OrderActionsRepository(db.prisma),
    audit: parts.audit,
    fulfilment: parts.workers.fulfilment,
    refunds: parts.workers.refunds,
    notifier: telegram.notifier,
    log: inputs.log.child({ part: "operator" }),
    now,
  });
  return {
    sales: new SalesReport({ reads, usdRate, now }),
    attention: new AttentionList({ reads, orders: new OrdersRepository(db.prisma, now), now }),
    lookup: new OrderLookup({ reads, now }),
    actions,
  };
}

export type { SenderOptions };
