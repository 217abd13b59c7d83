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
import { OrdersRepository } from "../db/orders-repository.ts";
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
import { WebhookEventIds } from "../services/webhook-event-ids.ts";
import type { TelegramPorts } from "./telegram-ports.ts";

/** The app's services. */
export interface Services {
  orders: OrderService;
  payments: PaymentsService;
  fulfilment: FulfilmentService;
  /** Runs due fulfilment jobs on a timer, and at once when a payment is recorded. */
  fulfilmentLoop: JobLoop;
  lifecycle: LifecycleService;
  notifications: NotificationSender;
  /** Sends the outbox right away after webhooks and balance refreshes. */
  sendNotificationsSoon: BackgroundDrain;
  balance: BalanceService;
  providerEvents: ProviderEventService;
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
}

/** Builds every service; the lifecycle side first, as fulfilment records top-up readings through it. */
export function buildServices(inputs: ServiceInputs): Services {
  const esims = new EsimsRepository(inputs.db.prisma);
  const watching = buildWatching(inputs, esims);
  return { ...watching, ...buildSales(inputs, esims, watching.lifecycle) };
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
  const webhookEventIds = new WebhookEventIds({ store: new WebhookEventsRepository(db.prisma), now, log: log.child({ part: "webhooks" }) });
  return { lifecycle, notifications, sendNotificationsSoon, balance, providerEvents, webhookEventIds };
}

/** Selling: orders, payments, and fulfilment with its loop. */
function buildSales(inputs: ServiceInputs, esims: EsimsRepository, lifecycle: LifecycleService) {
  const { config, db, provider, catalog, telegram, log, now } = inputs;
  const { notifier } = telegram;
  const orders = new OrdersRepository(db.prisma, now);
  const fulfilment = new FulfilmentService({
    orders,
    jobs: new JobsRepository(db.prisma, db.provider),
    esims,
    provider,
    readings: lifecycle,
    notifier,
    operator: notifier,
    refunds: notifier,
    log: log.child({ part: "fulfilment" }),
    now,
    firstRetryMs: config.fulfilment.firstRetryMs,
  });
  const fulfilmentLoop = createJobLoop({ name: "fulfilment", intervalMs: inputs.fulfilmentIntervalMs, work: () => fulfilment.runDue(), log });
  const payments = new PaymentsService({
    orders,
    esims,
    catalog,
    refunds: notifier,
    notifier,
    operator: notifier,
    fulfilment: fulfilmentLoop,
    log: log.child({ part: "payments" }),
    now,
    fulfilmentDeadlineMs: config.fulfilment.deadlineMs,
  });
  return { orders: new OrderService(orders, esims, catalog), payments, fulfilment, fulfilmentLoop };
}
