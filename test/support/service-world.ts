/**
 * A world for unit tests of the money services (payments, fulfilment): the
 * real repositories on a fresh SQLite file, a clock the test moves, and
 * in-memory fakes of the ports (customer messages, operator alerts, Stars
 * refunds, the fulfilment worker, the provider) that record what they were
 * asked in one shared event list, so a test can assert what happened and in
 * which order.
 */
import { pino } from "pino";
import type { Esim, Order, Payment } from "../../src/domain/order.ts";
import { newId } from "../../src/domain/ids.ts";
import { EsimsRepository } from "../../src/db/esims-repository.ts";
import { JobsRepository } from "../../src/db/jobs-repository.ts";
import { OrdersRepository, type NewOrder } from "../../src/db/orders-repository.ts";
import { ProviderUnavailableError } from "../../src/providers/errors.ts";
import type { EsimProvider, EsimUsage, PlaceOrderInput, ProviderOrder, TopUpInput } from "../../src/providers/port.ts";
import {
  RecipientUnreachableError,
  type CustomerNotifier,
  type FulfilmentWorker,
  type OperatorAlerts,
  type StarRefunds,
} from "../../src/services/ports.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";

/** What the fakes were asked, in order, e.g. "refund ch_1", "tell-refunded ord_x automatic". */
export type EventLog = string[];

/** Messages to the buyer; `unreachable` makes them fail like a blocked bot, `failures` like a passing outage. */
export class FakeNotifier implements CustomerNotifier {
  unreachable = false;
  failures = 0;
  constructor(private readonly events: EventLog) {}

  deliverEsim(order: Order, esim: Esim): Promise<void> {
    return this.#send(`deliver ${order.id} ${esim.iccid}`);
  }
  confirmTopUp(order: Order, esim: Esim): Promise<void> {
    return this.#send(`confirm-top-up ${order.id} ${esim.dataMb}`);
  }
  tellPreparing(order: Order): Promise<void> {
    return this.#send(`tell-preparing ${order.id}`);
  }
  tellRefunded(order: Order, automatic: boolean): Promise<void> {
    return this.#send(`tell-refunded ${order.id} ${automatic ? "automatic" : "manual"}`);
  }
  tellDuplicatePayment(order: Order, payment: Payment, automatic: boolean): Promise<void> {
    return this.#send(`tell-duplicate ${order.id} ${payment.telegramChargeId} ${automatic ? "automatic" : "manual"}`);
  }

  async #send(event: string): Promise<void> {
    if (this.unreachable) throw new RecipientUnreachableError("Forbidden: bot was blocked by the user");
    if (this.failures > 0) {
      this.failures--;
      throw new Error("Telegram is down");
    }
    this.events.push(event);
  }
}

/** Stars refunds; `failures` makes the next ones fail. */
export class FakeRefunds implements StarRefunds {
  failures = 0;
  constructor(private readonly events: EventLog) {}

  async refundStarPayment(userId: number, telegramChargeId: string): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("refundStarPayment: Telegram is down");
    }
    this.events.push(`refund ${userId} ${telegramChargeId}`);
  }
}

/** Operator alerts. */
export class FakeOperator implements OperatorAlerts {
  constructor(private readonly events: EventLog) {}

  async refundNeeded(order: Order, payment: Payment, reason: string): Promise<void> {
    this.events.push(`operator-refund ${order.id} ${payment.telegramChargeId} (${reason})`);
  }
  async unknownPayment(report: { payload: string; userId: number; price: string; chargeId: string }): Promise<void> {
    this.events.push(`operator-unknown ${report.payload} ${report.userId} ${report.price} ${report.chargeId}`);
  }
}

/** The fulfilment worker: only records that it was woken. */
export class FakeWorker implements FulfilmentWorker {
  constructor(private readonly events: EventLog) {}
  kick(): void {
    this.events.push("kick");
  }
}

/**
 * An upstream provider keeping orders by our id. `script` decides what the
 * next order or top-up calls do: "ok", "lost" (the order is placed but the
 * answer never arrives: a timeout), or an error to throw without placing it.
 */
export class FakeProvider implements EsimProvider {
  readonly script: Array<"ok" | "lost" | Error> = [];
  readonly orders = new Map<string, ProviderOrder>();
  readonly topUps = new Map<string, TopUpInput>();
  constructor(private readonly events: EventLog) {}

  async placeOrder(input: PlaceOrderInput): Promise<ProviderOrder> {
    this.events.push(`place-order ${input.externalOrderId}`);
    const step = this.script.shift() ?? "ok";
    if (step instanceof Error) throw step;
    const order = this.orders.get(input.externalOrderId) ?? issued(input.externalOrderId, this.orders.size);
    this.orders.set(input.externalOrderId, order);
    if (step === "lost") throw new ProviderUnavailableError("timeout after 15 s");
    return order;
  }
  async findOrderByExternalId(externalOrderId: string): Promise<ProviderOrder | null> {
    this.events.push(`look-up ${externalOrderId}`);
    return this.orders.get(externalOrderId) ?? null;
  }
  async topUp(input: TopUpInput): Promise<EsimUsage> {
    this.events.push(`top-up ${input.externalTopUpId}`);
    const step = this.script.shift() ?? "ok";
    if (step instanceof Error) throw step;
    this.topUps.set(input.externalTopUpId, input);
    if (step === "lost") throw new ProviderUnavailableError("timeout after 15 s");
    return { providerOrderId: input.providerOrderId, status: "topped_up", dataMb: 1024 + input.dataMb, usedMb: 900, activatedAt: null, expiresAt: null };
  }
  listPlans(): never {
    throw new Error("not used by the money services");
  }
  getPlan(): never {
    throw new Error("not used by the money services");
  }
  getUsage(): never {
    throw new Error("not used by the money services");
  }
}

function issued(externalOrderId: string, n: number): ProviderOrder {
  return {
    providerOrderId: `up_${n}`,
    externalOrderId,
    iccid: `8900000000000000${String(n).padStart(4, "0")}`,
    smdpAddress: "rsp.example",
    matchingId: `MATCH-${n}`,
    status: "issued",
    dataMb: 1024,
    validityDays: 7,
  };
}

/** The buyer every order belongs to unless a test says otherwise. */
export const BUYER = 4242;

/** Everything a money-service test needs, on a fresh SQLite database. */
export interface ServiceWorld {
  database: TestDatabase;
  orders: OrdersRepository;
  esims: EsimsRepository;
  jobs: JobsRepository;
  events: EventLog;
  notifier: FakeNotifier;
  refunds: FakeRefunds;
  operator: FakeOperator;
  worker: FakeWorker;
  provider: FakeProvider;
  log: ReturnType<typeof pino>;
  /** The services' clock. */
  now(): Date;
  /** Moves the clock forward. */
  advance(ms: number): void;
  /** Stores an order awaiting payment (Stars, 500 ⭐, "jp-1gb-7d" unless overridden). */
  newOrder(overrides?: Partial<NewOrder>): Promise<Order>;
  close(): Promise<void>;
}

/** Creates a world; close it after the test. */
export async function createServiceWorld(): Promise<ServiceWorld> {
  const database = await createTestDatabase("sqlite");
  // Starts at the real time: the database stamps createdAt itself.
  let time = Date.now();
  const now = () => new Date(time);
  const events: EventLog = [];
  const orders = new OrdersRepository(database.db.prisma, now);
  return {
    database,
    orders,
    esims: new EsimsRepository(database.db.prisma),
    jobs: new JobsRepository(database.db.prisma, database.db.provider),
    events,
    notifier: new FakeNotifier(events),
    refunds: new FakeRefunds(events),
    operator: new FakeOperator(events),
    worker: new FakeWorker(events),
    provider: new FakeProvider(events),
    log: pino({ level: "silent" }),
    now,
    advance: (ms) => void (time += ms),
    async newOrder(overrides = {}) {
      const userId = overrides.userId ?? BUYER;
      await database.db.prisma.user.upsert({ where: { id: BigInt(userId) }, update: {}, create: { id: BigInt(userId), firstName: "Buyer" } });
      const order = await orders.create({
        id: newId("ord"),
        userId,
        chatId: userId,
        planId: "jp-1gb-7d",
        planName: "Japan 1 GB · 7 days",
        destinationCode: "JP",
        dataMb: 1024,
        validityDays: 7,
        costUsdCents: 450,
        currency: "XTR",
        amount: 500,
        languageCode: "en",
        ...overrides,
      });
      return order;
    },
    close: () => database.drop(),
  };
}
