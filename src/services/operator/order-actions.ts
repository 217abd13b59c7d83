/**
 * What an operator can do to an order: retry its delivery now, resend the
 * eSIM to the traveller, refund it, mark its problem resolved. Each call
 * re-checks that the caller is an operator at that moment (a refusal is
 * audited), names the card version it was confirmed on, and is one database
 * transaction with its audit entry (see OrderActionsRepository): a double
 * tap, two operators at once or a retry act once. The effects go through the
 * shop's own machinery: the fulfilment job and worker, refund intents and the
 * refund worker, the customer notifier. No Telegram or HTTP types: the
 * Telegram /admin card and the web dashboard both call these.
 */
import type { ActionRecord, ActionStamp, OrderActionsRepository } from "../../db/order-actions-repository.ts";
import type { OrderAction } from "../../domain/order-card.ts";
import type { Logger } from "../logger.ts";
import { RecipientUnreachableError, type CustomerNotifier, type Worker } from "../ports.ts";
import type { OperatorAccess } from "./access.ts";
import type { AuditLog } from "./audit.ts";

/** Notes are cut to this many characters. */
export const MAX_NOTE_LENGTH = 500;

/**
 * What an action did. Plain JSON (conversations store it).
 * - done: it happened (refund: `refund` says how);
 * - refused: the caller is not an operator now; nothing changed;
 * - stale: the order changed since its card was shown (or this was a second tap): show the card again;
 * - not-allowed: the order's state does not allow it;
 * - busy: fulfilment is working on the order this moment: try again shortly;
 * - not-found: no such order;
 * - note-required: this action needs a note;
 * - send-failed: the resend was recorded but Telegram did not take the message (the traveller blocked the bot, or an error).
 */
export type ActionResult =
  | { kind: "done"; action: OrderAction; refund?: "stars" | "card" }
  | { kind: "refused" | "stale" | "not-allowed" | "busy" | "not-found" | "note-required" }
  | { kind: "send-failed"; reason: string };

/** What the actions are built on. */
export interface OrderActionsDeps {
  access: OperatorAccess;
  repo: OrderActionsRepository;
  audit: AuditLog;
  /** Woken after a retry: runs the due job now. */
  fulfilment: Worker;
  /** Woken after a Stars refund is decided. */
  refunds: Worker;
  notifier: Pick<CustomerNotifier, "deliverEsim">;
  log: Logger;
  now: () => Date;
}

/** The operator's actions on orders. */
export class OrderActions {
  constructor(private readonly deps: OrderActionsDeps) {}

  /** Retry delivery now: a paid order's fulfilment job runs at once (the job's own rules decide what it does). */
  async retryDelivery(operatorId: number, orderId: string, version: number): Promise<ActionResult> {
    return this.#run("retry", operatorId, orderId, version, null, async (stamp) => {
      const record = await this.deps.repo.retryDelivery(orderId, stamp);
      if (record.ok) this.deps.fulfilment.kick();
      return outcome("retry", record);
    });
  }

  /** Resend the eSIM (QR, SM-DP+ address and code, install help) of a delivered order to its traveller. */
  async resendEsim(operatorId: number, orderId: string, version: number): Promise<ActionResult> {
    return this.#run("resend", operatorId, orderId, version, null, async (stamp) => {
      const record = await this.deps.repo.resendEsim(orderId, stamp);
      if (!record.ok) return { kind: record.why };
      // Recorded before it is sent: a crash in between loses one message, never sends two.
      try {
        await this.deps.notifier.deliverEsim(record.result.order, record.result.esim);
        return { kind: "done", action: "resend" };
      } catch (error) {
        const reason = error instanceof RecipientUnreachableError ? "the traveller has blocked the bot" : describe(error);
        this.deps.log.warn({ orderId, reason }, "resending the eSIM failed");
        await this.deps.audit.failed(operatorId, "order.resend", { kind: "order", id: orderId }, { reason });
        return { kind: "send-failed", reason };
      }
    });
  }

  /** Refund: Stars through a refund intent and the refund worker; card payments recorded as refunded outside the shop (a note is required). */
  async refundOrder(operatorId: number, orderId: string, version: number, note?: string): Promise<ActionResult> {
    return this.#run("refund", operatorId, orderId, version, cleanNote(note), async (stamp) => {
      const record = await this.deps.repo.refundOrder(orderId, stamp);
      if (!record.ok) return { kind: record.why };
      if (record.result.kind === "stars") this.deps.refunds.kick();
      this.deps.log.warn({ orderId, operatorId, refund: record.result.kind }, "order refunded by an operator");
      return { kind: "done", action: "refund", refund: record.result.kind };
    });
  }

  /** Mark resolved, with a note saying how: the order leaves the attention list until a newer problem arises. */
  async resolveOrder(operatorId: number, orderId: string, version: number, note: string): Promise<ActionResult> {
    const cleaned = cleanNote(note);
    if (cleaned === null) return { kind: "note-required" };
    return this.#run("resolve", operatorId, orderId, version, cleaned, async (stamp) => outcome("resolve", await this.deps.repo.resolveOrder(orderId, stamp)));
  }

  async #run(
    action: OrderAction,
    operatorId: number,
    orderId: string,
    version: number,
    note: string | null,
    act: (stamp: ActionStamp) => Promise<ActionResult>,
  ): Promise<ActionResult> {
    if (!this.deps.access.isOperator(operatorId)) {
      await this.deps.audit.refused(operatorId, `order.${action}`, { kind: "order", id: orderId });
      return { kind: "refused" };
    }
    return act({ operatorId, version, note, at: this.deps.now() });
  }
}

function outcome(action: OrderAction, record: ActionRecord<unknown>): ActionResult {
  return record.ok ? { kind: "done", action } : { kind: record.why };
}

function cleanNote(note: string | undefined): string | null {
  const trimmed = note?.trim() ?? "";
  return trimmed === "" ? null : trimmed.slice(0, MAX_NOTE_LENGTH);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
