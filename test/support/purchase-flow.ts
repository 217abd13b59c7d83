/** Acting as a traveller in the purchase flow, for end-to-end tests. */
import { expect } from "vitest";
import type { TestShop } from "./shop.ts";
import type { TestUser } from "./telegram/user.ts";
import type { VisibleMessage } from "./telegram/chats.ts";

/** Labels of a message's inline buttons, row by row flattened. */
export function buttonLabels(message: VisibleMessage): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.text);
}

/** The first button whose label starts with `prefix` (e.g. "1 GB"), or throws listing them. */
export function buttonStartingWith(message: VisibleMessage, prefix: string): string {
  const label = buttonLabels(message).find((text) => text.startsWith(prefix));
  if (!label) throw new Error(`no button starting with "${prefix}" in: ${buttonLabels(message).join(" | ")}`);
  return label;
}

/** The callback data of the button labelled exactly `label`, or throws listing the labels. */
export function callbackDataOf(message: VisibleMessage, label: string): string {
  const button = (message.reply_markup?.inline_keyboard ?? []).flat().find((b) => b.text === label);
  if (!button || !("callback_data" in button) || !button.callback_data) {
    throw new Error(`no callback button "${label}" in: ${buttonLabels(message).join(" | ")}`);
  }
  return button.callback_data;
}

/** Buys the first plan for `destination`, waits for the whole delivery, and returns the order id and the ICCID at the sandbox. */
export async function buyEsim(shop: TestShop, user: TestUser, destination = "Japan"): Promise<{ orderId: string; iccid: string }> {
  const { invoice } = await buyUpToInvoice(user, destination);
  const payment = await user.pay();
  if (!payment.ok) throw new Error(payment.errorMessage);
  await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
  // The last message of a delivery: nothing of it is still on its way when the caller goes on.
  await user.waitForMessage("When do you leave?", { timeoutMs: 10_000 });
  const orderId = invoice.invoice!.payload;
  const order = (await shop.sandbox.orders()).find((o) => o.external_order_id === orderId);
  if (!order) throw new Error(`the sandbox has no order ${orderId}`);
  return { orderId, iccid: order.iccid };
}

/**
 * /buy → types the destination → picks the first plan of the picker (the
 * least data, then the shortest validity) → presses Pay. Returns the invoice
 * message and the summary text.
 */
export async function buyUpToInvoice(user: TestUser, destination = "Japan"): Promise<{ invoice: VisibleMessage; summary: string }> {
  user.send("/buy");
  await user.waitForMessage("Where are you travelling?");
  user.send(destination);
  const picker = await user.waitForMessage("Choose a plan");
  user.press(buttonLabels(picker)[0]!);
  const summary = await user.waitForEdit("— starts at first connection");
  const summaryText = summary.content;
  user.press(buttonStartingWith(summary, "💳 Pay"));
  const invoice = await user.waitForInvoice();
  expect(invoice.invoice).toBeDefined();
  return { invoice, summary: summaryText };
}

/** How {@link purchaseToQr} goes through the purchase. */
export interface PurchasePath {
  /** Through "Step by step" (data, then days: 8 updates) instead of the picker's first plan (6 updates). */
  stepByStep: boolean;
  /** Each wait for a reply, the payment included. */
  timeoutMs: number;
}

/**
 * A whole purchase for multi-process tests and benchmarks, where only the
 * emulator is at hand: /buy → Japan → the first plan (from the picker, or
 * step by step) → Pay → pays → waits for the QR.
 */
export async function purchaseToQr(user: TestUser, path: PurchasePath): Promise<void> {
  const wait = { timeoutMs: path.timeoutMs };
  user.send("/buy");
  await user.waitForMessage("Where are you travelling?", wait);
  user.send("Japan");
  const picker = await user.waitForMessage("Choose a plan", wait);
  if (path.stepByStep) {
    user.press("🪜 Step by step: data, then days");
    user.press(buttonLabels(await user.waitForEdit("How much data do you need?", wait))[0]!);
    user.press(buttonLabels(await user.waitForEdit("For how long?", wait))[0]!);
  } else {
    user.press(buttonLabels(picker)[0]!);
  }
  user.press(buttonStartingWith(await user.waitForEdit("— starts at first connection", wait), "💳 Pay"));
  await user.waitForInvoice(wait);
  const paid = await user.pay({ timeoutMs: path.timeoutMs });
  if (!paid.ok) throw new Error(`payment refused: ${paid.errorMessage}`);
  await user.waitForPhoto("Your eSIM is ready", wait);
}
