/**
 * Fulfilment: turns a paid order into a delivered eSIM, or into a refund.
 *
 * Each paid order has a durable job row (created with its payment). A run
 * claims due jobs, orders upstream with our order id as external_order_id
 * (looking the order up first when an earlier attempt's outcome is unknown),
 * stores the eSIM, then sends it. Failures retry with exponential backoff
 * until the job's deadline; then the order is refunded: Stars automatically,
 * card payments by the operator, who is told. The buyer is told either way.
 *
 * A top-up order runs the same job: the provider's top-up call is idempotent
 * on our order id, so a retry after an unknown outcome simply calls it again.
 */
import type { Esim, Order } from "../domain/order.ts";
import { refundsAutomatically } from "../domain/order.ts";
import type { EsimsRepository } from "../db/esims-repository.ts";
import type { FulfilmentJob, JobsRepository } from "../db/jobs-repository.ts";
import type { OrdersRepository } from "../db/orders-repository.ts";
import { ProviderError } from "../providers/errors.ts";
import type { EsimProvider, EsimUsage, ProviderOrder } from "../providers/port.ts";
import type { Logger } from "./logger.ts";
import { nextAttemptAt, type BackoffPolicy } from "./retry-backoff.ts";
import { RecipientUnreachableError, type CustomerNotifier, type OperatorAlerts, type StarRefunds } from "./ports.ts";

/** Everything fulfilment needs, passed in by the composition root or a test. */
export interface FulfilmentDeps {
  orders: OrdersRepository;
  jobs: JobsRepository;
  esims: EsimsRepository;
  provider: EsimProvider;
  notifier: CustomerNotifier;
  /** Records what the provider says about an eSIM after a top-up (the lifecycle's transition logic). */
  readings: { applyReading(esimId: string, reading: EsimUsage): Promise<unknown> };
  operator: OperatorAlerts;
  refunds: StarRefunds;
  log: Logger;
  now: () => Date;
  /** Delay before the first retry; doubles each attempt. */
  firstRetryMs: number;
  /** Longest delay between attempts. Default 5 minutes. */
  maxRetryMs?: number;
  /** How long a claimed job is ours before another worker may take it. Default 2 minutes. */
  leaseMs?: number;
}

/** Runs fulfilment jobs. */
export class FulfilmentService {
  readonly #backoff: BackoffPolicy;
  readonly #leaseMs: number;

  constructor(private readonly deps: FulfilmentDeps) {
    this.#backoff = { firstMs: deps.firstRetryMs, maxMs: deps.maxRetryMs ?? 5 * 60_000 };
    this.#leaseMs = deps.leaseMs ?? 2 * 60_000;
  }

  /** Claims and runs the jobs that are due; returns how many ran. */
  async runDue(limit = 10): Promise<number> {
    const jobs = await this.deps.jobs.claimDue(this.deps.now(), this.#leaseMs, limit);
    await Promise.all(jobs.map((job) => this.#run(job)));
    return jobs.length;
  }

  async #run(job: FulfilmentJob): Promise<void> {
    const log = this.deps.log.child({ orderId: job.orderId });
    try {
      await this.#process(job, log);
    } catch (error) {
      // Unexpected (e.g. the database went away): try again later, the job row keeps the order safe.
      log.error({ err: error }, "fulfilment attempt crashed");
      await this.deps.jobs
        .retryAt(job.orderId, this.#nextRun(job.attempts + 1), job.attempts + 1, String(error))
        .catch((retryError: unknown) => log.error({ err: retryError }, "could not reschedule the job"));
    }
  }

  async #process(job: FulfilmentJob, log: Logger): Promise<void> {
    const { orders, esims, jobs } = this.deps;
    const order = await orders.find(job.orderId);
    if (!order || order.status !== "paid") {
      await jobs.finish(job.orderId, "done");
      return;
    }
    if (order.topUpEsimId !== null) {
      await this.#processTopUp(order, order.topUpEsimId, job, log);
      return;
    }
    let esim = await esims.findByOrder(order.id);
    if (!esim) {
      const pastDeadline = this.deps.now() >= job.deadlineAt;
      try {
        // Past the deadline we never place a new order: we only settle what may exist.
        const issued = pastDeadline ? await this.#lookUp(order) : await this.#orderUpstream(order, job.attempts > 0);
        if (!issued) {
          await this.#refund(order, job, "the provider did not issue the eSIM before the deadline", log);
          return;
        }
        esim = await esims.createFromProvider(order, issued);
        log.info({ iccidTail: issued.iccid.slice(-4), attempts: job.attempts + 1 }, "eSIM issued");
      } catch (error) {
        await this.#onUpstreamFailure(order, job, error, log);
        return;
      }
    }
    await this.#deliver(order, esim, job, log);
  }

  /**
   * Tops up upstream (idempotent on our order id), records the new balance,
   * then confirms. Past the deadline one last call settles it: it either
   * finds the top-up already applied or applies it now, else we refund.
   */
  async #processTopUp(order: Order, esimId: string, job: FulfilmentJob, log: Logger): Promise<void> {
    const { esims, provider, readings, notifier, orders, jobs } = this.deps;
    const esim = await esims.find(esimId);
    if (!esim) throw new Error(`top-up ${order.id} names an unknown eSIM`);
    let usage: EsimUsage;
    try {
      usage = await provider.topUp({
        providerOrderId: esim.providerOrderId,
        dataMb: order.dataMb,
        validityDays: order.validityDays,
        externalTopUpId: order.id,
      });
    } catch (error) {
      const reason = await this.#retryIfWorthIt(order, job, error, "upstream top-up failed", log);
      if (reason !== null) await this.#refund(order, job, reason, log);
      return;
    }
    await readings.applyReading(esim.id, usage);
    const updated = (await esims.find(esim.id)) ?? esim;
    try {
      await notifier.confirmTopUp(order, updated);
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) {
        // The top-up call is idempotent, so the retry repeats it harmlessly before confirming.
        log.warn({ err: error }, "confirming the top-up failed; will retry");
        await jobs.retryAt(order.id, this.#nextRun(job.attempts + 1), job.attempts + 1, String(error));
        return;
      }
    }
    await orders.settle(order.id, "delivered");
    await jobs.finish(order.id, "done");
    log.info({ esimId: esim.id }, "top-up applied");
  }

  async #orderUpstream(order: Order, outcomeMayBeUnknown: boolean): Promise<ProviderOrder> {
    if (outcomeMayBeUnknown) {
      const existing = await this.#lookUp(order);
      if (existing) return existing;
    }
    return this.deps.provider.placeOrder({ planId: order.planId, externalOrderId: order.id });
  }

  #lookUp(order: Order): Promise<ProviderOrder | null> {
    return this.deps.provider.findOrderByExternalId(order.id);
  }

  /**
   * Schedules another attempt when the failure may pass and time is left
   * (telling the buyer once that it is being prepared); returns null then,
   * else the reason to give up with.
   */
  async #retryIfWorthIt(order: Order, job: FulfilmentJob, error: unknown, what: string, log: Logger): Promise<string | null> {
    const attempts = job.attempts + 1;
    const retryable = error instanceof ProviderError ? error.retryable : true;
    const reason = error instanceof Error ? error.message : String(error);
    log.warn({ attempts, retryable, reason }, what);
    if (!retryable || this.deps.now() >= job.deadlineAt) return reason;
    // The last retry lands on the deadline itself, where only a settling attempt happens.
    const runAt = new Date(Math.min(this.#nextRun(attempts).getTime(), job.deadlineAt.getTime()));
    await this.deps.jobs.retryAt(order.id, runAt, attempts, reason);
    if (!job.preparingNoticeAt) await this.#tellPreparing(order, log);
    return null;
  }

  async #onUpstreamFailure(order: Order, job: FulfilmentJob, error: unknown, log: Logger): Promise<void> {
    const reason = await this.#retryIfWorthIt(order, job, error, "upstream order failed", log);
    if (reason === null) return;
    // Refused for good, or out of time: a final lookup so an order that did go through is delivered.
    let issued: ProviderOrder | null = null;
    try {
      issued = await this.#lookUp(order);
    } catch (lookupError) {
      log.warn({ err: lookupError }, "final lookup failed; refunding");
    }
    if (!issued) {
      await this.#refund(order, job, reason, log);
      return;
    }
    await this.#deliver(order, await this.deps.esims.createFromProvider(order, issued), job, log);
  }

  async #tellPreparing(order: Order, log: Logger): Promise<void> {
    try {
      await this.deps.notifier.tellPreparing(order);
      await this.deps.jobs.markPreparingNotice(order.id, this.deps.now());
    } catch (error) {
      log.warn({ err: error }, "could not tell the buyer the eSIM is being prepared");
    }
  }

  async #deliver(order: Order, esim: Esim, job: FulfilmentJob, log: Logger): Promise<void> {
    try {
      await this.deps.notifier.deliverEsim(order, esim);
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) {
        log.warn({ err: error }, "sending the eSIM failed; will retry");
        await this.deps.jobs.retryAt(order.id, this.#nextRun(job.attempts + 1), job.attempts + 1, String(error));
        return;
      }
      // The eSIM is issued and theirs; it stays in their account for when they come back.
      log.warn({}, "buyer blocked the bot; eSIM kept for them");
    }
    await this.deps.orders.settle(order.id, "delivered");
    await this.deps.jobs.finish(order.id, "done");
    log.info({}, "order delivered");
  }

  async #refund(order: Order, job: FulfilmentJob, reason: string, log: Logger): Promise<void> {
    const { orders, jobs, refunds, notifier, operator } = this.deps;
    const payment = await orders.capturedPayment(order.id);
    if (!payment) throw new Error(`order ${order.id} is paid but has no captured payment`);
    if (refundsAutomatically(order.currency)) {
      try {
        await refunds.refundStarPayment(order.userId, payment.telegramChargeId);
      } catch (error) {
        log.error({ err: error }, "Stars refund failed; will retry");
        await jobs.retryAt(order.id, this.#nextRun(job.attempts + 1), job.attempts + 1, `refund: ${String(error)}`);
        return;
      }
      await orders.setPaymentStatus(payment.id, "refunded");
      await orders.settle(order.id, "refunded");
      await jobs.finish(order.id, "failed", reason);
      log.warn({ reason }, "order refunded");
      await notifier.tellRefunded(order, true).catch((error: unknown) => log.warn({ err: error }, "could not tell the buyer"));
      return;
    }
    await orders.setPaymentStatus(payment.id, "refund_pending");
    await orders.settle(order.id, "refund_pending");
    await jobs.finish(order.id, "failed", reason);
    log.warn({ reason }, "order needs a manual refund");
    await operator.refundNeeded(order, payment, reason).catch((error: unknown) => log.error({ err: error }, "could not alert the operator"));
    await notifier.tellRefunded(order, false).catch((error: unknown) => log.warn({ err: error }, "could not tell the buyer"));
  }

  #nextRun(attempts: number): Date {
    return nextAttemptAt(this.deps.now(), attempts, this.#backoff);
  }
}
