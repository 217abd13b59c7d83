/**
 * A traveller who does not give up when the shop dies under them: each step
 * waits `stepMs`, and a step the shop never answers (its update was lost in
 * a kill) starts the flow again, as a person would tap /buy again. Used by
 * the crash test, where the shop is SIGKILLed at random moments.
 */
import type { VisibleMessage } from "./telegram/chats.ts";
import type { TestUser } from "./telegram/user.ts";
import { buttonLabels, buttonStartingWith } from "./purchase-flow.ts";

/** How patient the traveller is. */
export interface Patience {
  /** How long one step waits for the shop. */
  stepMs: number;
  /** How many times the whole flow is tried before the traveller gives up (the test fails). */
  attempts: number;
}

/** What a traveller paid: the order (the invoice payload) and the Telegram charges made for it. */
export interface Paid {
  orderId: string;
  chargeIds: string[];
  /** Flows started again because the shop did not answer a step (or the payment was not taken). */
  retries: number;
}

/** /buy → destination → the first plan → Pay → the invoice. */
async function purchaseInvoice(user: TestUser, stepMs: number): Promise<VisibleMessage> {
  user.send("/buy");
  await user.waitForMessage("Where are you travelling?", stepMs);
  user.send("Japan");
  const picker = await user.waitForMessage("Choose a plan", stepMs);
  user.press(buttonLabels(picker)[0]!);
  const summary = await user.waitForEdit("— starts at first connection", stepMs);
  user.press(buttonStartingWith(summary, "💳 Pay"));
  return user.waitForInvoice(stepMs);
}

/** /mysims → ➕ Top up → the first option → the invoice (the traveller has one eSIM). */
async function topUpInvoice(user: TestUser, stepMs: number): Promise<VisibleMessage> {
  user.send("/mysims");
  await user.waitForMessage("Japan", stepMs);
  user.press("➕ Top up");
  const options = await user.waitForMessage("Choose what to add", stepMs);
  user.press(buttonStartingWith(options, "+1 GB"));
  return user.waitForInvoice(stepMs);
}

/**
 * Pays the invoice (twice at once, as from two devices, when `twice`);
 * returns the charges Telegram made. A pre-checkout query the shop did not
 * answer in time (it was down) charges nothing.
 */
async function payInvoice(user: TestUser, invoice: VisibleMessage, stepMs: number, twice: boolean): Promise<string[]> {
  const pay = () => user.pay(invoice, { timeoutMs: stepMs }).catch(() => ({ ok: false as const }));
  const outcomes = await Promise.all(twice ? [pay(), pay()] : [pay()]);
  return outcomes.flatMap((outcome) => (outcome.ok ? [outcome.chargeId] : []));
}

async function untilPaid(user: TestUser, patience: Patience, invoiceFlow: (user: TestUser, stepMs: number) => Promise<VisibleMessage>, twice: boolean): Promise<Paid> {
  let lastError: unknown;
  for (let attempt = 0; attempt < patience.attempts; attempt++) {
    try {
      const invoice = await invoiceFlow(user, patience.stepMs);
      const chargeIds = await payInvoice(user, invoice, patience.stepMs, twice);
      if (chargeIds.length > 0) return { orderId: invoice.invoice!.payload, chargeIds, retries: attempt };
      lastError = new Error("the payment was not taken (pre-checkout unanswered or refused)");
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`traveller ${user.id} could not pay in ${patience.attempts} attempts`, { cause: lastError });
}

/** Buys a Japan eSIM, starting again until a charge is made. */
export function buyUntilPaid(user: TestUser, patience: Patience, options: { payTwice?: boolean } = {}): Promise<Paid> {
  return untilPaid(user, patience, purchaseInvoice, options.payTwice === true);
}

/** Tops up the traveller's only eSIM, starting again until a charge is made. */
export function topUpUntilPaid(user: TestUser, patience: Patience): Promise<Paid> {
  return untilPaid(user, patience, topUpInvoice, false);
}
