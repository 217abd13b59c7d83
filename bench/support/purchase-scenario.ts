/**
 * Scenario (c): whole purchases with the sandbox provider — /buy, the
 * destination, the first plan of the picker, Pay, paying the invoice
 * (pre-checkout + successful_payment) and the QR delivered.
 * Payment→QR runs from queueing successful_payment to the bot's sendPhoto.
 */
import { performance } from "node:perf_hooks";
import type { TestUser } from "../../test/support/telegram/user.ts";
import { replyOf, type ReplyWatch } from "./reply-watch.ts";
import { DESTINATION_STEP, PLANS_STEP } from "./search-scenario.ts";
import { measure, type PhaseResult, type Session } from "./session.ts";
import { buttonStartingWith, timedPress, timedSend } from "./user-actions.ts";
import { summarize, type LatencySummary } from "./stats.ts";

/** Updates one purchase sends: /buy, destination, plan, Pay, pre_checkout_query, successful_payment. */
export const UPDATES_PER_PURCHASE = 6;

/** One purchase's timings. */
export interface PurchaseTiming {
  /** Latency of each of the six steps, ms. */
  steps: number[];
  /** `performance.now()` when the last step's reply came. */
  stepsDoneAt: number;
  paymentToQrMs: number;
}

/** Payment→QR figures of a run. */
export interface PaymentToQr {
  first?: number;
  oneAtATime?: LatencySummary;
  concurrent?: LatencySummary;
}

/** Buys the first plan for `destination` as `user` and times every step. */
export async function timedPurchase(watch: ReplyWatch, user: TestUser, destination: string): Promise<PurchaseTiming> {
  const steps = [
    await timedSend(watch, user, "/buy", replyOf("sendMessage", DESTINATION_STEP)),
    await timedSend(watch, user, destination, replyOf("sendMessage", PLANS_STEP)),
    await timedPress(watch, user, buttonStartingWith(user), replyOf("editMessageText", "— starts at first connection")),
    await timedPress(watch, user, buttonStartingWith(user, "💳"), replyOf("sendInvoice")),
  ];
  const received = watch.reply(user.chatId, replyOf("sendMessage", "Payment received"));
  const qr = watch.reply(user.chatId, replyOf("sendPhoto", "Your eSIM is ready"));
  // Should paying fail, these waits time out later: that must not crash the run before cleanup.
  received.catch(() => undefined);
  qr.catch(() => undefined);
  const payStarted = performance.now();
  const payment = await user.pay();
  const paidAt = performance.now();
  if (!payment.ok) throw new Error(`chat ${user.chatId}: pre-checkout refused: ${payment.errorMessage}`);
  const receivedAt = await received;
  steps.push(paidAt - payStarted, receivedAt - paidAt);
  return { steps, stepsDoneAt: receivedAt, paymentToQrMs: (await qr) - paidAt };
}

/** A fresh user for each purchase, so every buyer starts with no orders. */
function buyers(session: Session, count: number, prefix: string): TestUser[] {
  return Array.from({ length: count }, (_, i) => session.emulator.user({ first_name: `${prefix}${i}`, language_code: "en" }));
}

/** The first purchase after start, alone; its payment→QR is reported on its own. */
export async function firstPurchase(session: Session): Promise<number> {
  const [user] = buyers(session, 1, "First");
  return (await timedPurchase(session.watch, user!, session.options.destination)).paymentToQrMs;
}

/** Purchases one at a time, then many at once. */
export async function purchaseScenario(session: Session): Promise<{ phases: PhaseResult[]; paymentToQr: PaymentToQr }> {
  const { options, watch } = session;
  const phases: PhaseResult[] = [];
  const paymentToQr: PaymentToQr = {};
  if (options.sequentialPurchases > 0) {
    const qr: number[] = [];
    phases.push(
      await measure(session, "purchase steps, one buyer at a time", async () => {
        const started = performance.now();
        const latencies: number[] = [];
        for (const user of buyers(session, options.sequentialPurchases, "Seq")) {
          const timing = await timedPurchase(watch, user, options.destination);
          latencies.push(...timing.steps);
          qr.push(timing.paymentToQrMs);
        }
        return { updates: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
      }, { saturating: false }),
    );
    paymentToQr.oneAtATime = summarize(qr);
  }
  if (options.concurrentPurchases > 0) {
    let timings: PurchaseTiming[] = [];
    phases.push(
      await measure(session, `purchase steps, ${options.concurrentPurchases} buyers at once`, async () => {
        const started = performance.now();
        const users = buyers(session, options.concurrentPurchases, "Conc");
        timings = await Promise.all(users.map((user) => timedPurchase(watch, user, options.destination)));
        // Throughput counts the steps only: QR delivery is throttled to Telegram's 30 messages a second.
        const stepsDone = Math.max(...timings.map((timing) => timing.stepsDoneAt));
        return { updates: timings.length * UPDATES_PER_PURCHASE, seconds: (stepsDone - started) / 1000, latencies: timings.flatMap((t) => t.steps) };
      }),
    );
    paymentToQr.concurrent = summarize(timings.map((timing) => timing.paymentToQrMs));
  }
  return { phases, paymentToQr };
}
