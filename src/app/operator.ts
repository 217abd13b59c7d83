/**
 * Builds the operator side on the database and the Telegram ports: who is an
 * operator (ADMIN_IDS), the audit log, broadcasts and the loop that sends
 * them. The Telegram /admin menu and (later) the web dashboard use these.
 */
import { AuditRepository } from "../db/audit-repository.ts";
import { BroadcastDeliveriesRepository } from "../db/broadcast-deliveries-repository.ts";
import { BroadcastsRepository } from "../db/broadcasts-repository.ts";
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
}

/** The operator services, and the loop that sends broadcasts (started by the app's background parts). */
export function buildOperator(inputs: ServiceInputs): { operator: OperatorServices; broadcastLoop: JobLoop } {
  const { config, db, users, telegram, now } = inputs;
  const log = inputs.log.child({ part: "operator" });
  const access = OperatorAccess.of(config.adminIds);
  const audit = new AuditLog({ repo: new AuditRepository(db.prisma), log, now });
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
  return { operator: { access, audit, broadcasts }, broadcastLoop };
}

export type { SenderOptions };
