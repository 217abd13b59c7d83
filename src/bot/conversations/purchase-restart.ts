/**
 * Keeps the purchase conversation's cost per update flat. Conversations v2
 * store every wait and every Bot API answer of a run and replay all of them
 * on each update, so a traveller who keeps typing would make every update of
 * their chat slower and its stored state bigger (300 searches: ~700 KB).
 * After {@link MAX_INPUTS_PER_RUN} inputs the run ends and a new one starts
 * where the traveller is: the current step and the panel message are handed
 * to middleware right after the conversation, which enters it again with
 * them, and the new run takes the input that ended the old one as its first.
 */
import type { Middleware } from "grammy";
import type { BotContext } from "../context.ts";
import type { PurchaseFlow, Step } from "./purchase-flow.ts";

/**
 * Inputs (button presses and typed texts) one run takes before it starts
 * afresh: each costs about 2–3 KB of state (the update and the messages
 * sent), so a run stays well under 64 KB.
 */
export const MAX_INPUTS_PER_RUN = 15;

/** Where a fresh run resumes: the step the traveller is at and the panel message showing it. */
export interface PurchaseResume {
  step: Step;
  messageId: number;
}

/** Hands a resume point from an ending run to the middleware that starts the next one, per update. */
export class PurchaseRestarts {
  readonly #pending = new WeakMap<BotContext, PurchaseResume>();

  /** Remembers where to resume for this update (called from inside the conversation, on the outside context). */
  handOver(ctx: BotContext, resume: PurchaseResume): void {
    this.#pending.set(ctx, resume);
  }

  /** Middleware after the conversation: enters it again for an update whose run ended to start afresh. */
  middleware(enter: (ctx: BotContext, resume: PurchaseResume) => Promise<unknown>): Middleware<BotContext> {
    return async (ctx, next) => {
      const resume = this.#pending.get(ctx);
      if (!resume) return next();
      this.#pending.delete(ctx);
      await enter(ctx, resume);
    };
  }
}

/** Whether the run has taken enough inputs to start afresh. */
export function runIsFull(flow: PurchaseFlow): boolean {
  return flow.panel.inputs > MAX_INPUTS_PER_RUN;
}

/**
 * Ends this run and lets the middleware start a new one at `step`, which
 * gets the current update (the input that filled this run) as its first
 * input. Never returns.
 */
export async function restartAt(flow: PurchaseFlow, step: Step): Promise<never> {
  const messageId = flow.panel.messageId;
  if (messageId === undefined) throw new Error("a purchase restarts only once its panel is shown");
  await flow.conversation.external((outside) => flow.deps.restarts.handOver(outside, { step, messageId }));
  return flow.conversation.halt({ next: true });
}
