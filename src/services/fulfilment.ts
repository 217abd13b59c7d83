/**
 * Fulfilment: turns a paid order into a delivered eSIM (or applied top-up),
 * into a refund when the provider definitively refused it, or into the
 * operator's hands when its outcome stays unknown. Never a refund blind.
 *
 * Each paid order has a durable job row (created with its payment). A run
 * claims due jobs and re-reads the order: only a `paid` order is ever ordered
 * upstream, and the status is read again right before every upstream order
 * or top-up, so an order with a refund intent is never ordered.
 *
 * - Until the deadline: order upstream with our order id as
 *   external_order_id (after a request whose outcome is unknown, look the
 *   order up first); retry failures with backoff, telling the buyer once it
 *   is being prepared. A definitive refusal decides a refund — after a
 *   lookup when an earlier request's outcome was unknown.
 * - From the deadline, for the reconcile window: never a new order, only
 *   lookups on a slow schedule (a top-up repeats its idempotent call);
 *   delivered late when it turns up; refunded when the provider
 *   definitively has no such order and the last unknown request has
 *   settled; the buyer and the operator are told once that it is still
 *   being sorted out.
 * - After the window: handed to the operator (needs_operator), who is told,
 *   and so is the buyer.
 *
 * A delivery (or top-up confirmation) records each message as Telegram
 * accepts it, through the job's lease (#progress): a retry, or another worker
 * after a crash, sends only the messages still missing.
 */
import { mayOrderUpstream, refundsAutomatically, type Esim, type Order } from "../domain/order.ts";
import type { EsimsRepository } from "../db/esims-repository.ts";
import type { FulfilmentJob, JobsRepository } from "../db/jobs-repository.ts";
import type { OrdersRepository } from "../db/orders-repository.ts";
import type { RefundsRepository } from "../db/refunds-repository.ts";
import type { EsimProvider, EsimUsage, ProviderOrder } from "../providers/port.ts";
import type { Logger } from "./logger.ts";
import { RecipientUnreachableError, type CustomerNotifier, type DeliveryProgress, type OperatorAlerts, type Worker } from "./ports.ts";
import { nextAttemptAt, type BackoffPolicy } from "./retry-backoff.ts";
import { describeError, isDefinitiveRefusal, lookUpOrder } from "./upstream-outcome.ts";
import { JobLeases } from "./job-leases.ts";

/** Everything fulfilment needs, passed in by the composition root or a test. */
export interface FulfilmentDeps {
  orders: OrdersRepository;
  jobs: JobsRepository;
  esims: EsimsRepository;
  refunds: RefundsRepository;
  provider: EsimProvider;
  notifier: CustomerNotifier;
  /** Records what the provider says about an eSIM after a top-up (the lifecycle's transition logic). */
  readings: { applyReading(esimId: string, reading: EsimUsage): Promise<unknown> };
  operator: OperatorAlerts;
  /** The refund worker, woken when a Stars refund is decided. */
  refundWorker: Worker;
  log: Logger;
  now: () => Date;
  /** Delay before the first retry; doubles each attempt. */
  firstRetryMs: number;
  /** Longest delay between attempts. Default 5 minutes. */
  maxRetryMs?: number;
  /** How long a claimed job is ours before another worker may take it, unless renewed. Default 2 minutes. */
  leaseMs?: number;
  /** How often the leases of running jobs are renewed; a third of the lease unless told (tests). */
  leaseRenewEveryMs?: number;
  /** Past the deadline: how often to look again, and how long an unknown request takes to settle. */
  reconcileRetryMs: number;
  /** Past the deadline: how long to keep reconciling before the operator takes over. */
  reconcileWindowMs: number;
}

/** Where a job is in its life: before the deadline, reconciling after it, or past the reconcile window. */
type Phase = "ordering" | "reconciling" | "over";

/** Runs fulfilment jobs. */
export class FulfilmentService {
  readonly #backoff: BackoffPolicy;
  readonly #leaseMs: number;
  /** The leases of the jobs this service is running, renewed while they run. */
  readonly #leases: JobLeases;

  constructor(private readonly deps: FulfilmentDeps) {
    this.#backoff = { firstMs: deps.firstRetryMs, maxMs: deps.maxRetryMs ?? 5 * 60_000 };
    this.#leaseMs = deps.leaseMs ?? 2 * 60_000;
    this.#leases = new JobLeases({ store: deps.jobs, leaseMs: this.#leaseMs, renewEveryMs: deps.leaseRenewEveryMs, log: deps.log, now: deps.now });
  }

  /** Claims and runs the jobs that are due; returns how many ran. */
  async runDue(limit = 10): Promise<number> {
    const jobs = await this.deps.jobs.claimDue(this.deps.now(), this.#leaseMs, limit);
    for (const job of jobs) this.#leases.hold(job.orderId, job.leaseUntil);
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
      await this.#retry(job, this.#nextRun(job.attempts + 1), String(error), log).catch((retryError: unknown) =>
        log.error({ err: retryError }, "could not reschedule the job"),
      );
    } finally {
      await this.#leases.release(job.orderId);
    }
  }

  async #process(job: FulfilmentJob, log: Logger): Promise<void> {
    const order = await this.deps.orders.find(job.orderId);
    if (!order || !mayOrderUpstream(order.status)) {
      // Delivered, refunded or handed over meanwhile: nothing is left to do.
      await this.deps.jobs.finish(job.orderId, "done");
      return;
    }
    const phase = this.#phase(job);
    if (order.topUpEsimId !== null) {
      await this.#processTopUp(order, order.topUpEsimId, job, phase, log);
      return;
    }
    const esim = await this.deps.esims.findByOrder(order.id);
    if (esim) {
      await this.#deliver(order, esim, job, log);
      return;
    }
    if (phase === "over") {
      await this.#handOver(order, "the provider's answer stayed unknown through the reconcile window", log);
      return;
    }
    const issued = phase === "ordering" ? await this.#order(order, job, log) : await this.#reconcile(order, job, log);
    if (!issued) return;
    const stored = await this.deps.esims.createFromProvider(order, issued);
    log.info({ iccidTail: issued.iccid.slice(-4), attempts: job.attempts + 1 }, "eSIM issued");
    await this.#deliver(order, stored, job, log);
  }

  /** Before the deadline: the order upstream, or null when this attempt ended otherwise (retry, refund). */
  async #order(order: Order, job: FulfilmentJob, log: Logger): Promise<ProviderOrder | null> {
    if (job.outcomeUnknownSince) {
      const lookup = await lookUpOrder(this.deps.provider, order.id);
      if (lookup.kind === "found") return lookup.order;
      if (lookup.kind === "unknown") return this.#retryBeforeDeadline(order, job, `look-up failed: ${lookup.reason}`, log);
    }
    if (!(await this.#stillPaid(order.id))) return null;
    // Written before the request: a crash while it is in flight leaves the outcome unknown, as it is.
    await this.deps.jobs.noteOutcomeUnknown(job, this.deps.now());
    try {
      return await this.deps.provider.placeOrder({ planId: order.planId, externalOrderId: order.id });
    } catch (error) {
      if (!isDefinitiveRefusal(error)) return this.#retryBeforeDeadline(order, job, `upstream order failed: ${describeError(error)}`, log);
      // Refused for good: this request created nothing, so the job knows what it knew before it.
      await this.deps.jobs.restoreOutcomeUnknown(job);
      return this.#onRefusal(order, job, `the provider refused the order: ${describeError(error)}`, log);
    }
  }

  /** A definitive refusal: refund, unless an earlier request whose outcome was unknown may have gone through. */
  async #onRefusal(order: Order, job: FulfilmentJob, reason: string, log: Logger): Promise<ProviderOrder | null> {
    if (!job.outcomeUnknownSince) return this.#decideRefund(order, reason, log);
    const lookup = await lookUpOrder(this.deps.provider, order.id);
    if (lookup.kind === "found") return lookup.order;
    if (lookup.kind === "absent" && this.#settled(job)) return this.#decideRefund(order, reason, log);
    return this.#retryBeforeDeadline(order, job, reason, log);
  }

  /** Past the deadline: lookups only. The order when it turned up, else null (refund decided, or looked for again later). */
  async #reconcile(order: Order, job: FulfilmentJob, log: Logger): Promise<ProviderOrder | null> {
    const lookup = await lookUpOrder(this.deps.provider, order.id);
    if (lookup.kind === "found") {
      log.warn({ lateBy: this.deps.now().getTime() - job.deadlineAt.getTime() }, "found upstream after the deadline; delivering late");
      return lookup.order;
    }
    if (lookup.kind === "absent" && this.#settled(job)) {
      return this.#decideRefund(order, `the provider has no order ${order.id} after the deadline (last error: ${job.lastError ?? "none"})`, log);
    }
    const reason = lookup.kind === "absent" ? "not found yet; the last request may still be settling" : `look-up failed: ${lookup.reason}`;
    await this.#reconcileLater(order, job, reason, log);
    return null;
  }

  /**
   * Tops up upstream (idempotent on our order id), records the new balance,
   * then confirms. A refusal decides a refund (a repeat of an applied top-up
   * would have succeeded); an unknown outcome is repeated: with backoff
   * until the deadline, then on the slow schedule, then the operator.
   */
  async #processTopUp(order: Order, esimId: string, job: FulfilmentJob, phase: Phase, log: Logger): Promise<void> {
    const { esims, provider, readings, notifier } = this.deps;
    const esim = await esims.find(esimId);
    if (!esim) throw new Error(`top-up ${order.id} names an unknown eSIM`);
    if (phase === "over") return this.#handOver(order, "the top-up's outcome stayed unknown through the reconcile window", log);
    if (!(await this.#stillPaid(order.id))) return;
    let usage: EsimUsage;
    try {
      const request = { providerOrderId: esim.providerOrderId, dataMb: order.dataMb, validityDays: order.validityDays, externalTopUpId: order.id };
      usage = await provider.topUp(request);
    } catch (error) {
      await this.#topUpFailed(order, job, phase, error, log);
      return;
    }
    await readings.applyReading(esim.id, usage);
    const updated = (await esims.find(esim.id)) ?? esim;
    if (!(await this.#stillOurs(job, log))) return;
    try {
      await notifier.confirmTopUp(order, updated, this.#progress(job));
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) {
        // The top-up call is idempotent, so the retry repeats it harmlessly before confirming.
        log.warn({ err: error }, "confirming the top-up failed; will retry");
        await this.#retry(job, this.#nextRun(job.attempts + 1), String(error), log);
        return;
      }
    }
    // Stryker disable next-line StringLiteral: the words are only logged
    await this.#settleDelivered(order, log, "top-up applied");
  }

  async #topUpFailed(order: Order, job: FulfilmentJob, phase: Phase, error: unknown, log: Logger): Promise<void> {
    if (isDefinitiveRefusal(error)) {
      await this.#decideRefund(order, `the provider refused the top-up: ${describeError(error)}`, log);
      return;
    }
    await this.deps.jobs.noteOutcomeUnknown(job, this.deps.now());
    const reason = `upstream top-up failed: ${describeError(error)}`;
    if (phase === "ordering") await this.#retryBeforeDeadline(order, job, reason, log);
    else await this.#reconcileLater(order, job, reason, log);
  }

  /**
   * Schedules another attempt before the deadline (the last lands on the
   * deadline itself, where reconciling starts), telling the buyer once that
   * it is being prepared. Always null: nothing was issued this time.
   */
  async #retryBeforeDeadline(order: Order, job: FulfilmentJob, reason: string, log: Logger): Promise<null> {
    const attempts = job.attempts + 1;
    log.warn({ attempts, reason }, "fulfilment attempt failed; will retry");
    const runAt = new Date(Math.min(this.#nextRun(attempts).getTime(), job.deadlineAt.getTime()));
    if (!(await this.#retry(job, runAt, reason, log))) return null;
    if (!job.preparingNoticeAt) await this.#tellPreparing(order, log);
    return null;
  }

  /** Looks again later on the slow schedule (never past the window's end), telling the buyer and the operator once. */
  async #reconcileLater(order: Order, job: FulfilmentJob, reason: string, log: Logger): Promise<void> {
    const windowEnd = job.deadlineAt.getTime() + this.deps.reconcileWindowMs;
    const runAt = new Date(Math.min(this.deps.now().getTime() + this.deps.reconcileRetryMs, windowEnd));
    log.warn({ reason, runAt }, "outcome unknown past the deadline; reconciling");
    if (!(await this.#retry(job, runAt, reason, log))) return;
    if (job.reconcileNoticeAt) return;
    await this.deps.notifier.tellStillReconciling(order).catch((error: unknown) => log.warn({ err: error }, "could not tell the buyer"));
    await this.deps.operator.orderUnresolved(order, "reconciling", reason).catch((error: unknown) => log.error({ err: error }, "could not alert the operator"));
    await this.deps.jobs.markReconcileNotice(order.id, this.deps.now());
  }

  /** The refund intent, recorded with the order's move and the job's end; the refund itself follows (Stars) or the operator does it (cards). */
  async #decideRefund(order: Order, reason: string, log: Logger): Promise<null> {
    const payment = await this.deps.orders.capturedPayment(order.id);
    if (!payment) throw new Error(`order ${order.id} is paid but has no captured payment`);
    const refund = await this.deps.refunds.decideForOrder(order, payment, reason);
    if (!refund) return null;
    if (refundsAutomatically(payment.currency)) {
      log.warn({ reason, refundId: refund.id }, "refund decided");
      this.deps.refundWorker.kick();
      return null;
    }
    log.warn({ reason, refundId: refund.id }, "order needs a manual refund");
    await this.deps.operator.refundNeeded(order, payment, reason).catch((error: unknown) => log.error({ err: error }, "could not alert the operator"));
    await this.deps.notifier.tellRefunded(order, false).catch((error: unknown) => log.warn({ err: error }, "could not tell the buyer"));
    return null;
  }

  /** Past the window with the outcome still unknown: the operator takes over; no refund blind. */
  async #handOver(order: Order, reason: string, log: Logger): Promise<void> {
    if (!(await this.deps.refunds.handToOperator(order.id, reason))) return;
    log.error({ reason }, "handed to the operator");
    await this.deps.operator.orderUnresolved(order, "handed-over", reason).catch((error: unknown) => log.error({ err: error }, "could not alert the operator"));
    await this.deps.notifier.tellHandedToOperator(order).catch((error: unknown) => log.warn({ err: error }, "could not tell the buyer"));
  }

  async #tellPreparing(order: Order, log: Logger): Promise<void> {
    // Marked only once the message went out; a failure is only logged (the next retry tells them).
    await this.deps.notifier
      .tellPreparing(order)
      .then(() => this.deps.jobs.markPreparingNotice(order.id, this.deps.now()))
      .catch((error: unknown) => log.warn({ err: error }, "could not tell the buyer the eSIM is being prepared"));
  }

  async #deliver(order: Order, esim: Esim, job: FulfilmentJob, log: Logger): Promise<void> {
    if (!(await this.#stillOurs(job, log))) return;
    try {
      await this.deps.notifier.deliverEsim(order, esim, this.#progress(job));
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) {
        log.warn({ err: error }, "sending the eSIM failed; will retry");
        await this.#retry(job, this.#nextRun(job.attempts + 1), String(error), log);
        return;
      }
      // The eSIM is issued and theirs; it stays in their account for when they come back.
      log.warn({}, "buyer blocked the bot; eSIM kept for them");
    }
    // Stryker disable next-line StringLiteral: the words are only logged
    await this.#settleDelivered(order, log, "order delivered");
  }

  async #settleDelivered(order: Order, log: Logger, what: string): Promise<void> {
    // Stryker disable next-line BooleanLiteral: the answer only decides whether to log; markDelivered runs either way
    if (!(await this.deps.orders.markDelivered(order.id))) log.error({}, "delivered, but the order was no longer paid");
    await this.deps.jobs.finish(order.id, "done");
    log.info({}, what);
  }

  /** Re-reads the order right before an upstream call: only a paid order is ordered. */
  async #stillPaid(orderId: string): Promise<boolean> {
    const order = await this.deps.orders.find(orderId);
    if (order && mayOrderUpstream(order.status)) return true;
    await this.deps.jobs.finish(orderId, "done");
    return false;
  }

  #phase(job: FulfilmentJob): Phase {
    const now = this.deps.now().getTime();
    if (now < job.deadlineAt.getTime()) return "ordering";
    return now < job.deadlineAt.getTime() + this.deps.reconcileWindowMs ? "reconciling" : "over";
  }

  /** True when no request whose outcome is unknown was sent within the settle window (the slow reconcile interval). */
  #settled(job: FulfilmentJob): boolean {
    const last = job.outcomeUnknownLastAt;
    return last === null || this.deps.now().getTime() - last.getTime() >= this.deps.reconcileRetryMs;
  }

  /** Right before the buyer hears of the job: whether this worker still holds it (it renews the lease too). */
  async #stillOurs(job: FulfilmentJob, log: Logger): Promise<boolean> {
    if (await this.#leases.confirm(job.orderId)) return true;
    log.warn({}, "another worker took this job over while it ran (its lease ran out); leaving it to that worker");
    return false;
  }

  /**
   * The delivery's progress as the job last recorded it; each message is
   * recorded with the job's lease as it goes out, so a worker that lost the
   * job stops before its next message.
   */
  #progress(job: FulfilmentJob): DeliveryProgress {
    return {
      sent: job.messagesSent,
      record: async (sent) => {
        // Stryker disable next-line StringLiteral: the message is only logged (the job is another worker's: nothing is recorded of it here)
        if (!(await this.#leases.recordSent(job.orderId, sent))) throw new Error("another worker took this job over while it delivered (its lease ran out)");
      },
    };
  }

  /** Schedules the next attempt, unless another worker took the job over meanwhile (false): its claim stands. */
  async #retry(job: FulfilmentJob, runAt: Date, reason: string, log: Logger): Promise<boolean> {
    const held = await this.#leases.release(job.orderId);
    if (held && (await this.deps.jobs.retryAt(job.orderId, held, runAt, job.attempts + 1, reason))) return true;
    log.warn({}, "another worker took this job over while it ran (its lease ran out); leaving the retry to it");
    return false;
  }

  #nextRun(attempts: number): Date {
    return nextAttemptAt(this.deps.now(), attempts, this.#backoff);
  }
}
