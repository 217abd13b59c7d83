/**
 * A world for unit tests of the money services (payments, fulfilment,
 * refunds, the Star ledger): the real repositories on a fresh database
 * (SQLite unless a test asks for PostgreSQL), a clock the test moves, and
 * in-memory fakes of the ports (customer messages, operator alerts, Stars
 * refunds, the Star ledger, the workers, the provider) that record what they
 * were asked in one shared event list, so a test can assert what happened
 * and in which order.
 */
import { pino } from "pino";
import type { Esim, Order, Payment } from "../../src/domain/order.ts";
import { newId } from "../../src/domain/ids.ts";
import type { DatabaseProvider } from "../../src/db/client.ts";
import { EsimsRepository } from "../../src/db/esims-repository.ts";
import { JobsRepository } from "../../src/db/jobs-repository.ts";
import { LedgerCursorRepository } from "../../src/db/ledger-cursor-repository.ts";
import { OrdersRepository, type NewOrder } from "../../src/db/orders-repository.ts";
import { RefundsRepository } from "../../src/db/refunds-repository.ts";
import { ProviderUnavailableError } from "../../src/providers/errors.ts";
import type { EsimProvider, EsimUsage, PlaceOrderInput, ProviderOrder, TopUpInput } from "../../src/providers/port.ts";
import {
  RecipientUnreachableError,
  RefundRefusedError,
  type CustomerNotifier,
  type DeliveryProgress,
  type OperatorAlerts,
  type StarLedger,
  type StarLedgerEntry,
  type StarRefundResult,
  type StarRefunds,
  type UnmatchedPaymentReport,
  type Worker,
} from "../../src/services/ports.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";

/** What the fakes were asked, in order, e.g. "refund ch_1", "tell-refunded ord_x automatic". */
export type EventLog = string[];

/** Messages to the buyer; `unreachable` makes them fail like a blocked bot, `failures` like a passing outage. */
export class FakeNotifier implements CustomerNotifier {
  unreachable = false;
  failures = 0;
  constructor(private readonly events: EventLog) {}

  /** One message here (the bot's delivery has three: test/delivery-steps-e2e.test.ts), skipped when its progress says it went out. */
  deliverEsim(order: Order, esim: Esim, progress?: DeliveryProgress): Promise<void> {
    return this.#sendOnce(`deliver ${order.id} ${esim.iccid}`, progress);
  }
  confirmTopUp(order: Order, esim: Esim, progress?: DeliveryProgress): Promise<void> {
    return this.#sendOnce(`confirm-top-up ${order.id} ${esim.dataMb}`, progress);
  }
  tellPreparing(order: Order): Promise<void> {
    return this.#send(`tell-preparing ${order.id}`);
  }
  tellStillReconciling(order: Order): Promise<void> {
    return this.#send(`tell-reconciling ${order.id}`);
  }
  tellRefunded(order: Order, automatic: boolean): Promise<void> {
    return this.#send(`tell-refunded ${order.id} ${automatic ? "automatic" : "manual"}`);
  }
  tellHandedToOperator(order: Order): Promise<void> {
    return this.#send(`tell-handed-over ${order.id}`);
  }
  tellDuplicatePayment(order: Order, payment: Payment, automatic: boolean): Promise<void> {
    return this.#send(`tell-duplicate ${order.id} ${payment.telegramChargeId} ${automatic ? "automatic" : "manual"}`);
  }
  tellUnmatchedRefunded(payment: Payment, order: Order | null): Promise<void> {
    return this.#send(`tell-unmatched-refunded ${payment.telegramChargeId} ${order?.id ?? "no-order"}`);
  }

  async #sendOnce(event: string, progress: DeliveryProgress | undefined): Promise<void> {
    if ((progress?.sent ?? 0) >= 1) return;
    await this.#send(event);
    await progress?.record(1);
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

/**
 * Stars refunds as Telegram does them: a second refund of a charge answers
 * "already refunded". `script` decides what the next calls do: "ok",
 * "lost" (refunded, but the answer is an error), "down" (an error, nothing
 * refunded) or "refused" (a RefundRefusedError).
 */
export class FakeRefunds implements StarRefunds {
  readonly script: Array<"ok" | "lost" | "down" | "refused"> = [];
  readonly refunded = new Set<string>();
  constructor(private readonly events: EventLog) {}

  async refundStarPayment(userId: number, telegramChargeId: string): Promise<StarRefundResult> {
    const step = this.script.shift() ?? "ok";
    if (step === "down") throw new Error("refundStarPayment: Telegram is down");
    if (step === "refused") throw new RefundRefusedError("refundStarPayment: Bad Request: CHARGE_NOT_FOUND");
    if (this.refunded.has(telegramChargeId)) return "already-refunded";
    this.refunded.add(telegramChargeId);
    this.events.push(`refund ${userId} ${telegramChargeId}`);
    if (step === "lost") throw new Error("refundStarPayment: the connection dropped");
    return "refunded";
  }
}

/** Operator alerts. */
export class FakeOperator implements OperatorAlerts {
  constructor(private readonly events: EventLog) {}

  async refundNeeded(order: Order | null, payment: Payment, reason: string): Promise<void> {
    this.events.push(`operator-refund ${order?.id ?? "no-order"} ${payment.telegramChargeId} (${reason})`);
  }
  async unmatchedPayment(report: UnmatchedPaymentReport): Promise<void> {
    const how = report.automatic ? "automatic" : "manual";
    this.events.push(`operator-unmatched ${report.payload} ${report.userId} ${report.price} ${report.chargeId} ${how} (${report.reason})`);
  }
  async orderUnresolved(order: Order, stage: "reconciling" | "handed-over"): Promise<void> {
    this.events.push(`operator-${stage} ${order.id}`);
  }
  async refundFailed(payment: Payment, order: Order | null, reason: string): Promise<void> {
    this.events.push(`operator-refund-failed ${payment.telegramChargeId} ${order?.id ?? "no-order"} (${reason})`);
  }
  async refundMadeElsewhere(payment: Payment, order: Order | null): Promise<void> {
    this.events.push(`operator-refund-elsewhere ${payment.telegramChargeId} ${order?.id ?? "no-order"}`);
  }
}

/** A worker (fulfilment, refunds): only records that it was woken. */
export class FakeWorker implements Worker {
  constructor(
    private readonly events: EventLog,
    private readonly name = "kick",
  ) {}
  kick(): void {
    this.events.push(this.name);
  }
}

/** The bot's Star transactions, oldest first; `failures` makes the next reads fail. */
export class FakeStarLedger implements StarLedger {
  readonly entries: StarLedgerEntry[] = [];
  failures = 0;
  reads = 0;

  /** An incoming invoice payment. */
  charge(id: string, userId: number, invoicePayload: string, amount = 500): void {
    this.entries.push({ direction: "in", id, amount, date: new Date(), payment: { userId, invoicePayload } });
  }
  /** An outgoing refund of a charge. */
  refund(id: string, userId: number, amount = 500): void {
    this.entries.push({ direction: "out", id, amount, date: new Date(), refundTo: userId });
  }

  async transactions(offset: number, limit: number): Promise<StarLedgerEntry[]> {
    this.reads++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error("getStarTransactions: Telegram is down");
    }
    return structuredClone(this.entries.slice(offset, offset + limit));
  }
}

/**
 * An upstream provider keeping orders by our id. `script` decides what the
 * next order or top-up calls do: "ok", "lost" (the order is placed but the
 * answer never arrives: a timeout), or an error to throw without placing it.
 * `lookupFailures` makes the next lookups fail (a 503: nothing certain).
 */
export class FakeProvider implements EsimProvider {
  readonly script: Array<"ok" | "lost" | Error> = [];
  readonly orders = new Map<string, ProviderOrder>();
  readonly topUps = new Map<string, TopUpInput>();
  lookupFailures = 0;
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
    if (this.lookupFailures > 0) {
      this.lookupFailures--;
      throw new ProviderUnavailableError("GET /esim/orders: HTTP 503", 503);
    }
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

/** Everything a money-service test needs, on a fresh database. */
export interface ServiceWorld {
  database: TestDatabase;
  orders: OrdersRepository;
  esims: EsimsRepository;
  jobs: JobsRepository;
  refundsRepository: RefundsRepository;
  ledgerCursor: LedgerCursorRepository;
  events: EventLog;
  notifier: FakeNotifier;
  refunds: FakeRefunds;
  operator: FakeOperator;
  /** The fulfilment worker ("kick" in the events). */
  worker: FakeWorker;
  /** The refund worker ("kick-refunds" in the events). */
  refundWorker: FakeWorker;
  provider: FakeProvider;
  starLedger: FakeStarLedger;
  log: ReturnType<typeof pino>;
  /** The services' clock. */
  now(): Date;
  /** Moves the clock forward. */
  advance(ms: number): void;
  /** Stores an order awaiting payment (Stars, 500 ⭐, "jp-1gb-7d" unless overridden). */
  newOrder(overrides?: Partial<NewOrder>): Promise<Order>;
  close(): Promise<void>;
}

/** Creates a world on SQLite (or `kind`); close it after the test. */
export async function createServiceWorld(kind: DatabaseProvider = "sqlite"): Promise<ServiceWorld> {
  const database = await createTestDatabase(kind);
  // Starts at the real time: the database stamps createdAt itself.
  let time = Date.now();
  const now = () => new Date(time);
  const events: EventLog = [];
  const { prisma, provider } = database.db;
  const orders = new OrdersRepository(prisma, now);
  return {
    database,
    orders,
    esims: new EsimsRepository(prisma),
    jobs: new JobsRepository(prisma, provider),
    refundsRepository: new RefundsRepository(prisma, provider, now),
    ledgerCursor: new LedgerCursorRepository(prisma, now),
    events,
    notifier: new FakeNotifier(events),
    refunds: new FakeRefunds(events),
    operator: new FakeOperator(events),
    worker: new FakeWorker(events),
    refundWorker: new FakeWorker(events, "kick-refunds"),
    provider: new FakeProvider(events),
    starLedger: new FakeStarLedger(),
    log: pino({ level: "silent" }),
    now,
    advance: (ms) => void (time += ms),
    async newOrder(overrides = {}) {
      const userId = overrides.userId ?? BUYER;
      await prisma.user.upsert({ where: { id: BigInt(userId) }, update: {}, create: { id: BigInt(userId), firstName: "Buyer" } });
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
