/**
 * Builds the services (the use cases) on the database, the provider, the
 * catalog and the Telegram ports. Nothing runs yet: the loops among them are
 * started by the app's background parts.
 */
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { EsimsRepository } from "../db/esims-repository.ts";
import { JobsRepository } from "../db/jobs-repository.ts";
import { LifecycleRepository } from "../db/lifecycle-repository.ts";
import { NotificationsRepository } from "../db/notifications-repository.ts";
import { LedgerCursorRepository } from "../db/ledger-cursor-repository.ts";
import { OrdersRepository } from "../db/orders-repository.ts";
import { RefundsRepository } from "../db/refunds-repository.ts";
import { newId } from "../domain/ids.ts";
import type { UsersRepository } from "../db/users-repository.ts";
import { WebhookEventsRepository } from "../db/webhook-events-repository.ts";
import type { EsimProvider } from "../providers/port.ts";
import { createJobLoop, type JobLoop } from "../scheduler/job-loop.ts";
import { BackgroundDrain } from "../services/background-drain.ts";
import { BalanceService } from "../services/balance.ts";
import type { CatalogService } from "../services/catalog.ts";
import { FulfilmentService } from "../services/fulfilment.ts";
import { LifecycleService } from "../services/lifecycle.ts";
import type { Logger } from "../services/logger.ts";
import { NotificationSender } from "../services/notifications.ts";
import { OrderService } from "../services/orders.ts";
import { PaymentsService } from "../services/payments.ts";
import { ProviderEventService } from "../services/provider-events.ts";
import { ReminderService } from "../services/reminders.ts";
import { RemindersRepository } from "../db/reminders-repository.ts";
import { buildOperator, type OperatorServices, type SenderOptions } from "./operator.ts";
import { RefundService } from "../services/refunds.ts";
import { StarLedgerReconciler } from "../services/star-ledger.ts";
import { WebhookEventIds } from "../services/webhook-event-ids.ts";
import type { TelegramPorts } from "./telegram-ports.ts";

/** How often day-old unpaid orders are expired. */
const UNPAID_SWEEP_MS = 60 * 60_000;

/** The app's services. */
export interface Services {
  orders: OrderService;
  payments: PaymentsService;
  fulfilment: FulfilmentService;
  /** Runs due fulfilment jobs on a timer, and at once when a payment is recorded. */
  fulfilmentLoop: JobLoop;
  refunds: RefundService;
  /** Carries out due refund intents on a timer, and at once when one is decided. */
  refundLoop: JobLoop;
  starLedger: StarLedgerReconciler;
  /** Reads the Star ledger at start and every RECONCILE_MINUTES. */
  ledgerLoop: JobLoop;
  /** Expires day-old unpaid orders, at start and every hour. */
  unpaidSweep: JobLoop;
  lifecycle: LifecycleService;
  notifications: NotificationSender;
  /** Sends the outbox right away after webhooks and balance refreshes. */
  sendNotificationsSoon: BackgroundDrain;
  balance: BalanceService;
  providerEvents: ProviderEventService;
  /** "Did it work?" and the pre-trip reminders; the trip dates. */
  reminders: ReminderService;
  /** Operators: access, audit log, broadcasts, sales, needs attention, order look-up and actions. */
  operator: OperatorServices;
  /** Sends broadcasts on a timer, and at once when one is confirmed. */
  broadcastLoop: JobLoop;
  /** Handled webhook event ids: each event is applied once. */
  webhookEventIds: WebhookEventIds;
}

/** What the services are built on. */
export interface ServiceInputs {
  config: Config;
  db: Database;
  provider: EsimProvider;
  catalog: CatalogService;
  users: UsersRepository;
  telegram: TelegramPorts;
  log: Logger;
  now: () => Date;
  /** How often the fulfilment loop looks for due jobs. */
  fulfilmentIntervalMs: number;
  /** How long a claimed fulfilment job stays claimed (tests: a dead instance's jobs are taken over sooner); default 2 minutes. */
  fulfilmentLeaseMs?: number;
  /** Likewise for claimed refund intents and the Star ledger's reading lease (tests: a killed process' are taken over sooner). */
  refundLeaseMs?: number;
  ledgerLeaseMs?: number;
  /** Broadcast pacing (tests); production uses the sender's defaults. */
  broadcastSender?: Partial<SenderOptions>;
}

/**
 * Fulfilment runs at once (each claims up to 10 jobs), so a payment does not
 * wait behind a slow delivery. A delivery holds its run for two seconds or
 * more (three messages at one a second per chat, plus the provider's order),
 * and Telegram lets a bot start ten deliveries a second (30 messages): with
 * 16 runs, the 17th buyer in two seconds waited for an earlier delivery to
 * end. 64 leave room for a provider taking several seconds; a waiting run
 * costs only a pending promise. A delivery records each message as it goes
 * (FulfilmentJob.messagesSent), so a process killed mid-delivery repeats at
 * most the one message in flight of each delivery it was sending, however
 * many runs it had.
 */
const FULFILMENT_RUNS = 64;

/** Builds every service; the lifecycle side first, as fulfilment records top-up readings through it. */
export function buildServices(inputs: ServiceInputs): Services {
  const esims = new EsimsRepository(inputs.db.prisma);
  const watching = buildWatching(inputs, esims);
  const sales = buildSales(inputs, esims, watching.lifecycle);
  return { ...watching, ...sales, ...buildOperator(inputs, { fulfilment: sales.fulfilmentLoop, refunds: sales.refundLoop }) };
}

/** Watching sold eSIMs: polling, webhooks, balances, and the notifications they call for. */
function buildWatching(inputs: ServiceInputs, esims: EsimsRepository) {
  const { config, db, provider, users, telegram, log, now } = inputs;
  const lifecycle = new LifecycleService({
    repo: new LifecycleRepository(db.prisma, db.provider),
    provider,
    policy: { lowDataPercent: config.lifecycle.lowDataPercent, expiryWarningHours: config.lifecycle.expiryWarningHours },
    log: log.child({ part: "lifecycle" }),
    now,
  });
  const notifications = new NotificationSender({
    outbox: new NotificationsRepository(db.prisma, db.provider),
    users,
    messenger: telegram.messenger,
    log: log.child({ part: "notifications" }),
    now,
  });
  const sendNotificationsSoon = new BackgroundDrain(() => notifications.drain(), log.child({ part: "notifications" }));
  const balance = new BalanceService({
    esims,
    provider,
    readings: lifecycle,
    onNotificationsQueued: () => sendNotificationsSoon.kick(),
    cacheMs: config.balanceCacheMs,
    log: log.child({ part: "balance" }),
    now,
  });
  const providerEvents = new ProviderEventService({ esims, provider, lifecycle, log: log.child({ part: "webhooks" }) });
  const reminders = new ReminderService({
    repo: new RemindersRepository(db.prisma),
    installCheckHours: config.installCheckHours,
    log: log.child({ part: "reminders" }),
    now,
  });
  const webhookEventIds = new WebhookEventIds({ store: new WebhookEventsRepository(db.prisma), now, log: log.child({ part: "webhooks" }) });
  return { lifecycle, notifications, sendNotificationsSoon, balance, providerEvents, reminders, webhookEventIds };
}

/** Selling: orders, payments, refunds, and fulfilment with its loop. */
function buildSales(inputs: ServiceInputs, esims: EsimsRepository, lifecycle: LifecycleService) {
  const { config, db, provider, catalog, telegram, log, now } = inputs;
  const { notifier } = telegram;
  const orders = new OrdersRepository(db.prisma, now, config.provider.kind);
  const refundsRepository = new RefundsRepository(db.prisma, db.provider, now);
  const refunds = new RefundService({
    refunds: refundsRepository,
    telegram: notifier,
    notifier,
    operator: notifier,
    log: log.child({ part: "refunds" }),
    now,
    firstRetryMs: config.fulfilment.firstRetryMs,
    giveUpAfterMs: config.reconcile.windowMs,
    ...(inputs.refundLeaseMs === undefined ? {} : { leaseMs: inputs.refundLeaseMs }),
  });
  const refundLoop = createJobLoop({ name: "refunds", intervalMs: inputs.fulfilmentIntervalMs, work: () => refunds.runDue(), log });
  const fulfilment = new FulfilmentService({
    orders,
    jobs: new JobsRepository(db.prisma, db.provider),
    esims,
    refunds: refundsRepository,
    provider,
    readings: lifecycle,
    notifier,
    operator: notifier,
    refundWorker: refundLoop,
    log: log.child({ part: "fulfilment" }),
    now,
    firstRetryMs: config.fulfilment.firstRetryMs,
    reconcileRetryMs: config.reconcile.retryMs,
    reconcileWindowMs: config.reconcile.windowMs,
    ...(inputs.fulfilmentLeaseMs === undefined ? {} : { leaseMs: inputs.fulfilmentLeaseMs }),
  });
  const fulfilmentLoop = createJobLoop({
    name: "fulfilment",
    intervalMs: inputs.fulfilmentIntervalMs,
    work: () => fulfilment.runDue(),
    concurrency: FULFILMENT_RUNS,
    log,
  });
  const payments = new PaymentsService({
    orders,
    esims,
    catalog,
    notifier,
    operator: notifier,
    fulfilment: fulfilmentLoop,
    refundWorker: refundLoop,
    log: log.child({ part: "payments" }),
    now,
    fulfilmentDeadlineMs: config.fulfilment.deadlineMs,
  });
  const orderService = new OrderService(orders, esims, catalog);
  const unpaidSweep = buildUnpaidSweep(orderService, log.child({ part: "orders" }));
  return { orders: orderService, payments, fulfilment, fulfilmentLoop, refunds, refundLoop, unpaidSweep, ...buildLedger(inputs, payments, refunds) };
}

/** Reading the Star ledger, at start and every RECONCILE_MINUTES, one instance at a time. */
function buildLedger(inputs: ServiceInputs, payments: PaymentsService, refunds: RefundService) {
  const { config, db, telegram, log, now } = inputs;
  const starLedger = new StarLedgerReconciler({
    ledger: telegram.starLedger,
    cursor: new LedgerCursorRepository(db.prisma, now),
    payments,
    refunds,
    log: log.child({ part: "star-ledger" }),
    owner: newId("ledger"),
    ...(inputs.ledgerLeaseMs === undefined ? {} : { leaseMs: inputs.ledgerLeaseMs }),
  });
  const ledgerLoop = createJobLoop({ name: "star ledger", intervalMs: config.reconcile.ledgerMs, work: once(() => starLedger.run()), log });
  return { starLedger, ledgerLoop };
}

/** Expiring unpaid orders once their invoices are a day old (pre-checkout refuses those invoices anyway). */
function buildUnpaidSweep(orders: OrderService, log: Logger): JobLoop {
  const sweep = async () => {
    const expired = await orders.expireUnpaid();
    if (expired > 0) log.info({ expired }, "unpaid orders expired");
  };
  return createJobLoop({ name: "unpaid orders", intervalMs: UNPAID_SWEEP_MS, work: once(sweep), log });
}

/** Work for a loop that runs once per interval: it reports nothing done, so the loop waits a whole interval. */
function once(work: () => Promise<unknown>): () => Promise<number> {
  return async () => {
    await work();
    return 0;
  };
}
