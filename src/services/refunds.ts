/**
 * The refund worker: carries out the refund intents others decided (an
 * order that could not be fulfilled, a second payment, a payment that
 * matched no order). It claims due intents with a lease, calls
 * refundStarPayment, and records the result in one transaction: the intent
 * done, the payment refunded, the order refunded. `CHARGE_ALREADY_REFUNDED`
 * counts as done, so a call that went through before a crash (or before a
 * failed recording) is simply finished on the next attempt. A call that may
 * have failed in passing is retried with backoff; a refusal, or failures past
 * `giveUpAfterMs`, hand it to the operator.
 *
 * The buyer is told once, after the recording commits: a crash between the
 * commit and the message loses the message, never the money.
 *
 * Claimed refunds are leased, as fulfilment jobs are (job-leases.ts): the
 * lease is renewed while the worker holds a refund, and right before the
 * Telegram call it confirms it still holds it, so a slow call is never taken
 * over and made again by another instance, and a worker that stalled past its
 * lease leaves the refund to the instance that took it over.
 */
import { refundCause } from "../domain/refund.ts";
import type { ClaimedRefund, ObservedRefund, RefundCase, RefundsRepository } from "../db/refunds-repository.ts";
import { JobLeases } from "./job-leases.ts";
import type { Logger } from "./logger.ts";
import { RefundRefusedError, type CustomerNotifier, type OperatorAlerts, type StarRefunds } from "./ports.ts";
import { nextAttemptAt, type BackoffPolicy } from "./retry-backoff.ts";

/** What the refund worker needs. */
export interface RefundDeps {
  refunds: RefundsRepository;
  telegram: StarRefunds;
  notifier: Pick<CustomerNotifier, "tellRefunded" | "tellDuplicatePayment" | "tellUnmatchedRefunded">;
  operator: Pick<OperatorAlerts, "refundFailed" | "refundMadeElsewhere">;
  log: Logger;
  now: () => Date;
  /** Delay before the first retry; doubles each attempt up to `maxRetryMs` (default 5 minutes). */
  firstRetryMs: number;
  maxRetryMs?: number;
  /** How long a refund that keeps failing in passing is retried before the operator takes it over. */
  giveUpAfterMs: number;
  /** How long a claimed refund is ours unless renewed. Default 2 minutes. */
  leaseMs?: number;
  /** How often the leases of held refunds are renewed; a third of the lease unless told (tests). */
  leaseRenewEveryMs?: number;
}

/** Carries out refund intents. */
export class RefundService {
  readonly #backoff: BackoffPolicy;
  readonly #leaseMs: number;
  /** The leases of the refunds this worker holds, renewed while it holds them. */
  readonly #leases: JobLeases;

  constructor(private readonly deps: RefundDeps) {
    this.#backoff = { firstMs: deps.firstRetryMs, maxMs: deps.maxRetryMs ?? 5 * 60_000 };
    this.#leaseMs = deps.leaseMs ?? 2 * 60_000;
    // Stryker disable next-line StringLiteral: `what` only names the refund in the lease's log lines
    this.#leases = new JobLeases({ store: deps.refunds, leaseMs: this.#leaseMs, renewEveryMs: deps.leaseRenewEveryMs, log: deps.log, now: deps.now, what: "refund" });
  }

  /** Claims and carries out the refunds that are due; returns how many it took. */
  async runDue(limit = 10): Promise<number> {
    const due = await this.deps.refunds.claimDue(limit, this.#leaseMs);
    for (const refundCase of due) this.#leases.hold(refundCase.refund.id, refundCase.leaseUntil);
    await Promise.all(due.map((refundCase) => this.#carryOutHeld(refundCase)));
    return due.length;
  }

  /**
   * Records a refund seen in Telegram's ledger (see RefundsRepository.recordObserved);
   * closing one of our intents tells the buyer as the worker would have, a
   * refund nobody here decided is reported to the operator.
   */
  async recordObserved(chargeId: string): Promise<ObservedRefund> {
    const observed = await this.deps.refunds.recordObserved(chargeId);
    if (observed.kind === "closed-intent") await this.#tellBuyer(observed.case);
    if (observed.kind === "recorded") {
      const { payment, order } = observed.case;
      this.deps.log.warn({ paymentId: payment.id, orderId: order?.id, orderStatus: order?.status }, "a refund made outside the shop was recorded");
      await this.deps.operator.refundMadeElsewhere(payment, order).catch((error: unknown) => this.deps.log.error({ err: error }, "could not alert the operator"));
    }
    return observed;
  }

  /** Carries out a claimed refund unless another worker took it over meanwhile; stops renewing its lease either way. */
  async #carryOutHeld(refundCase: ClaimedRefund): Promise<void> {
    const { refund } = refundCase;
    const log = this.deps.log.child({ refundId: refund.id, orderId: refund.orderId ?? undefined });
    try {
      if (await this.#leases.confirm(refund.id)) await this.#carryOut(refundCase, log);
      else log.warn({}, "another worker took this refund over (its lease ran out); leaving it to that worker");
    } finally {
      await this.#leases.release(refund.id);
    }
  }

  async #carryOut(refundCase: ClaimedRefund, log: Logger): Promise<void> {
    const { refund } = refundCase;
    try {
      const answer = await this.deps.telegram.refundStarPayment(refund.userId, refund.chargeId);
      if (await this.deps.refunds.complete(refund.id)) {
        log.info({ answer }, "refund done");
        await this.#tellBuyer(refundCase);
      }
    } catch (error) {
      await this.#onFailure(refundCase, error, log).catch((recordError: unknown) => {
        // The lease runs out and the refund is claimed again: nothing is lost.
        log.error({ err: recordError }, "could not record the refund's failure");
      });
    }
  }

  async #onFailure(refundCase: RefundCase, error: unknown, log: Logger): Promise<void> {
    const { refund, payment, order } = refundCase;
    const reason = error instanceof Error ? error.message : String(error);
    const now = this.deps.now();
    const outOfTime = now.getTime() - refund.createdAt.getTime() >= this.deps.giveUpAfterMs;
    if (!(error instanceof RefundRefusedError) && !outOfTime) {
      // Telegram may have refunded and failed to answer: the retry then hears CHARGE_ALREADY_REFUNDED.
      const held = await this.#leases.release(refund.id);
      const at = nextAttemptAt(now, refund.attempts + 1, this.#backoff);
      if (held && (await this.deps.refunds.retryAt(refund.id, held, at, refund.attempts + 1, reason))) log.warn({ err: error, attempts: refund.attempts + 1 }, "refund failed; will retry");
      else log.warn({ err: error }, "refund failed after another worker took it over; leaving the retry to it");
      return;
    }
    log.error({ err: error }, "refund refused; the operator takes over");
    if (!(await this.deps.refunds.fail(refund.id, reason))) return;
    await this.deps.operator.refundFailed(payment, order, reason).catch((alertError: unknown) => log.error({ err: alertError }, "could not alert the operator"));
    // The buyer of an order that could not be fulfilled hears that the team will refund it.
    if (refundCause(refund, payment.status) === "order" && order) {
      await this.deps.notifier.tellRefunded(order, false).catch((tellError: unknown) => log.warn({ err: tellError }, "could not tell the buyer"));
    }
  }

  /** One message to the buyer, by why the payment was given back. */
  async #tellBuyer(refundCase: RefundCase): Promise<void> {
    await this.#messageBuyer(refundCase).catch((error: unknown) => this.deps.log.warn({ err: error, refundId: refundCase.refund.id }, "could not tell the buyer about the refund"));
  }

  async #messageBuyer({ refund, payment, order }: RefundCase): Promise<void> {
    const { notifier } = this.deps;
    const cause = refundCause(refund, payment.status);
    if (cause === "order" && order) await notifier.tellRefunded(order, true);
    else if (cause === "duplicate" && order) await notifier.tellDuplicatePayment(order, payment, true);
    else await notifier.tellUnmatchedRefunded(payment, order);
  }
}
