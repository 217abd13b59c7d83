/**
 * Every Star adds up (issue #9): the five paths where a payment used to
 * become both an eSIM and a refund, or neither. Each test drives the real
 * app against the Telegram emulator and the sandbox provider, on SQLite and
 * PostgreSQL, scripts the failure, and asserts what the traveller (and the
 * operator) end up with: exactly one eSIM or one refund.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DATABASES, type TestDatabase } from "./support/databases.ts";
import { buttonStartingWith, buyEsim, buyUpToInvoice } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { TestUser } from "./support/telegram/user.ts";

/** A deadline of 1.2 s and a slow reconcile schedule of 0.6 s, so both pass within a test. */
const FAST_DEADLINE = { FULFILMENT_DEADLINE_MINUTES: "0.02", RECONCILE_RETRY_MINUTES: "0.01" };
const ADMIN_ID = 900_000_009;

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** Tops up the user's only eSIM with its first option and pays; returns the charge id. */
async function payFirstTopUp(user: TestUser): Promise<string> {
  user.send("/mysims");
  await user.waitForMessage("Japan");
  user.press("➕ Top up");
  const options = await user.waitForMessage("Choose what to add");
  user.press(buttonStartingWith(options, "+1 GB"));
  const payment = await user.pay(await user.waitForInvoice());
  if (!payment.ok) throw new Error(payment.errorMessage);
  return payment.chargeId;
}

/** Pays the invoice in the chat; returns the charge id. */
async function payInvoice(user: TestUser, options: Parameters<TestUser["pay"]>[0] = {}): Promise<string> {
  const payment = await user.pay(options);
  if (!payment.ok) throw new Error(payment.errorMessage);
  return payment.chargeId;
}

function refundCalls(active: TestShop): string[] {
  return active.emulator.callsTo("refundStarPayment").map((call) => String(call.params.telegram_payment_charge_id));
}

/** Telegram's own record: was this charge refunded? */
function refundedAtTelegram(active: TestShop, chargeId: string): boolean {
  return active.emulator.payments().find((payment) => payment.chargeId === chargeId)?.refunded === true;
}

/** Makes the database refuse to record a payment as refunded while `active` is true (a database error right after the refund call). */
async function failRefundRecording(database: TestDatabase): Promise<{ clear(): Promise<void> }> {
  const prisma = database.db.prisma;
  await prisma.$executeRawUnsafe(`CREATE TABLE "test_fault" ("active" INTEGER NOT NULL)`);
  await prisma.$executeRawUnsafe(`INSERT INTO "test_fault" VALUES (1)`);
  if (database.kind === "sqlite") {
    await prisma.$executeRawUnsafe(`
      CREATE TRIGGER "fail_refund_recording" BEFORE UPDATE OF "status" ON "Payment"
      WHEN NEW."status" = 'refunded' AND (SELECT "active" FROM "test_fault") = 1
      BEGIN SELECT RAISE(ABORT, 'injected: the database failed while recording the refund'); END`);
  } else {
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION fail_refund_recording() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."status" = 'refunded' AND (SELECT "active" FROM "test_fault") = 1 THEN
          RAISE EXCEPTION 'injected: the database failed while recording the refund';
        END IF;
        RETURN NEW;
      END $$`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER fail_refund_recording BEFORE UPDATE ON "Payment" FOR EACH ROW EXECUTE FUNCTION fail_refund_recording()`);
  }
  return { clear: async () => void (await prisma.$executeRawUnsafe(`UPDATE "test_fault" SET "active" = 0`)) };
}

describe.each(DATABASES)("every Star adds up (%s)", (db) => {
  // Path 1: the top-up was applied upstream but every answer was lost; the deadline used to refund it as well.
  it("1. a top-up applied upstream whose answers are lost until the deadline is confirmed late, never refunded", async () => {
    shop = await startShop({ db, env: { ...FAST_DEADLINE, BALANCE_CACHE_SECONDS: "0" } });
    const user = shop.emulator.user();
    await buyEsim(shop, user);
    await shop.sandbox.faults({ orders: { fail_next: 100_000, status: 500, apply_first: true } });
    await payFirstTopUp(user);

    await user.waitForMessage("has not confirmed your top-up", { timeoutMs: 10_000 });
    await shop.sandbox.faults({ orders: { fail_next: 0 } });
    await user.waitForMessage("Top-up added", { timeoutMs: 10_000 });

    expect(refundCalls(shop)).toEqual([]);
    expect(await shop.sandbox.topUps()).toHaveLength(1);
    expect(user.messages().filter((m) => m.content.includes("refunded"))).toEqual([]);
  });

  // Path 2: the eSIM was ordered upstream, the answer lost, lookups failing until the deadline; it used to be refunded and never delivered.
  it("2. an eSIM ordered upstream whose answer is lost, with lookups failing past the deadline, is delivered late, never refunded", async () => {
    shop = await startShop({ db, env: { ...FAST_DEADLINE, ADMIN_IDS: String(ADMIN_ID) } });
    shop.emulator.user({ id: ADMIN_ID, first_name: "Operator" });
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    await shop.sandbox.faults({ orders: { fail_next: 1, status: 500, apply_first: true }, lookups: { fail_next: 100_000, status: 503 } });
    await payInvoice(user);

    await user.waitForMessage("has not confirmed your eSIM", { timeoutMs: 10_000 });
    const alert = await shop.emulator.waitForCall("sendMessage", (call) => call.params.chat_id === ADMIN_ID);
    expect(String(alert.params.text)).toContain("Order unresolved at its deadline");
    expect(await shop.sandbox.orders()).toHaveLength(1);

    // The provider answers lookups again (or finishes the order late): the shop finds it and delivers.
    await shop.sandbox.faults({ lookups: { fail_next: 0 } });
    await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
    expect(refundCalls(shop)).toEqual([]);
    expect(await shop.sandbox.orders()).toHaveLength(1);
  });

  // Path 3: Telegram refunded, then recording it failed; the retry used to find nothing upstream and order anyway.
  it("3. a database error right after the refund call: refunded once, never ordered, the buyer told", async () => {
    shop = await startShop({ db, env: FAST_DEADLINE });
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    // The provider refuses the first order for good (a refund is due), then would accept the next one.
    await shop.sandbox.faults({ orders: { fail_next: 1, status: 422 } });
    const fault = await failRefundRecording(shop.database);
    const chargeId = await payInvoice(user);

    // Refunded at Telegram, and recording it failed (the shop logs the database's error).
    const active = shop;
    await vi.waitFor(() => expect(JSON.stringify(active.logs)).toContain("injected: the database failed"), { timeout: 10_000, interval: 20 });
    expect(refundedAtTelegram(shop, chargeId)).toBe(true);
    await fault.clear();

    await user.waitForMessage("has been refunded", { timeoutMs: 10_000 });
    expect(await shop.sandbox.orders()).toEqual([]);
    expect(user.messages().filter((m) => m.photo)).toEqual([]);
  });

  it("3b. Telegram refunded but answered with an error: the retry finishes it, nothing is ordered", async () => {
    shop = await startShop({ db, env: FAST_DEADLINE });
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    await shop.sandbox.faults({ orders: { fail_next: 1, status: 422 } });
    // A flood wait too long to wait out: the call is thrown back to the shop after Telegram made the refund.
    const floodWait = { error_code: 429, description: "Too Many Requests: retry after 120", parameters: { retry_after: 120 } };
    shop.emulator.failNext("refundStarPayment", floodWait, 1, { applyFirst: true });
    const chargeId = await payInvoice(user);

    await user.waitForMessage("has been refunded", { timeoutMs: 10_000 });
    expect(refundedAtTelegram(shop, chargeId)).toBe(true);
    expect(refundCalls(shop)).toEqual([chargeId, chargeId]);
    expect(await shop.sandbox.orders()).toEqual([]);
    expect(user.messages().filter((m) => m.photo)).toEqual([]);
  });

  // Path 4: successful_payment was not checked against the order.
  it("4. a payment of another amount than the order's is not fulfilled: refunded, the operator told", async () => {
    shop = await startShop({ db, env: { ADMIN_IDS: String(ADMIN_ID) } });
    shop.emulator.user({ id: ADMIN_ID, first_name: "Operator" });
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    const chargeId = await payInvoice(user, { forge: { totalAmount: 1 } });

    await user.waitForMessage("could not match your payment", { timeoutMs: 10_000 });
    await user.waitForMessage("has been refunded", { timeoutMs: 10_000 });
    expect(refundedAtTelegram(shop, chargeId)).toBe(true);
    const alert = await shop.emulator.waitForCall("sendMessage", (call) => call.params.chat_id === ADMIN_ID);
    expect(String(alert.params.text)).toContain("amount 1 instead of");
    expect(await shop.sandbox.orders()).toEqual([]);
  });

  it("4b. a payment in another currency, or by someone else than the buyer, is not fulfilled and goes to the operator", async () => {
    shop = await startShop({ db, env: { ADMIN_IDS: String(ADMIN_ID) } });
    shop.emulator.user({ id: ADMIN_ID, first_name: "Operator" });
    const user = shop.emulator.user();
    const stranger = shop.emulator.user({ first_name: "Mallory" });
    const { invoice } = await buyUpToInvoice(user);
    await payInvoice(user, { forge: { currency: "USD" } });
    await user.waitForMessage("could not match your payment", { timeoutMs: 10_000 });
    await user.pay(invoice, { forge: { from: stranger.user } });

    // The stranger is not the payer Telegram knows: the refund is refused, so the operator settles it.
    const refused = await shop.emulator.waitForCall("sendMessage", (call) => call.params.chat_id === ADMIN_ID && String(call.params.text).includes("Telegram refused a refund"), { timeoutMs: 10_000 });
    expect(String(refused.params.text)).toContain("CHARGE_NOT_FOUND");
    const alerts = shop.emulator.callsTo("sendMessage").filter((call) => call.params.chat_id === ADMIN_ID).map((call) => String(call.params.text));
    expect(alerts.some((text) => text.includes("currency USD instead of XTR") && text.includes("refund it by hand"))).toBe(true);
    expect(alerts.some((text) => text.includes(`paid by user ${stranger.id}`))).toBe(true);
    expect(await shop.sandbox.orders()).toEqual([]);
    expect(user.messages().filter((m) => m.photo)).toEqual([]);
  });

  // Path 5: a successful_payment update that never reaches the bot.
  it("5. a payment whose update is fetched, confirmed and lost is found in the Star ledger and delivered", async () => {
    shop = await startShop({ db, env: { RECONCILE_MINUTES: "0.01" } });
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    await payInvoice(user, { loseOnFetch: true });
    await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
    expect(await shop.sandbox.orders()).toHaveLength(1);
    expect(refundCalls(shop)).toEqual([]);
  });

  it("5b. a payment whose update never arrived is found by the Star ledger read at start, after a restart", async () => {
    shop = await startShop({ db });
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    await payInvoice(user, { deliverUpdate: false });
    await shop.restart();
    await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
    expect(await shop.sandbox.orders()).toHaveLength(1);
  });
});
