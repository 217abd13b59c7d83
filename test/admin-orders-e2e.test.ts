/**
 * The operator's order desk end to end, through the Bot API emulator, on
 * SQLite and PostgreSQL: a stranger probing /admin look-ups and forged order
 * buttons gets the normal answers and changes nothing; sales equal a hand
 * count; an unresolved order's alert opens its card and it is listed under
 * Needs attention; retry, resend, refund and resolve each act once under a
 * double tap and a second operator at once, and go into the audit log shown
 * on the card's timeline.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_ORDER, ADMIN_VIEWS, ORDER_NOTE } from "../src/bot/callback-data.ts";
import { DATABASES } from "./support/databases.ts";
import { buttonLabels, buyUpToInvoice, callbackDataOf } from "./support/purchase-flow.ts";
import { seedOrder } from "./support/seed-orders.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { VisibleMessage } from "./support/telegram/chats.ts";
import type { TestUser } from "./support/telegram/user.ts";

const ANNA = 777_101;
const BORIS = 777_102;
const EXPIRED = "This button has expired. Send /buy to start again.";
const UNKNOWN = "I don't know that command. Try /buy, /mysims, /language or /help.";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** A shop with two operators; a first retry 30 s after a failure, so an order stays paid while the test acts. */
async function startDesk(db: (typeof DATABASES)[number], env: Record<string, string> = {}): Promise<{ shop: TestShop; anna: TestUser; boris: TestUser }> {
  shop = await startShop({ db, env: { ADMIN_IDS: `${ANNA},${BORIS}`, FULFILMENT_RETRY_SECONDS: "30", STARS_PER_USD: "50", ...env } });
  return { shop, anna: shop.emulator.user({ id: ANNA, first_name: "Anna" }), boris: shop.emulator.user({ id: BORIS, first_name: "Boris" }) };
}

/** A traveller pays; the provider's first answer is a 503, so the order is paid and not delivered. Returns the order id. */
async function paidNotDelivered(active: TestShop, traveller: TestUser): Promise<string> {
  const { invoice } = await buyUpToInvoice(traveller);
  await active.sandbox.faults({ orders: { fail_next: 1, status: 503 } });
  const payment = await traveller.pay();
  if (!payment.ok) throw new Error(payment.errorMessage);
  await traveller.waitForMessage("Your eSIM is being prepared", { timeoutMs: 10_000 });
  return invoice.invoice!.payload;
}

/** `/admin <query>` → the card. */
async function openCard(operator: TestUser, query: string): Promise<VisibleMessage> {
  const since = operator.mark();
  operator.send(`/admin ${query}`);
  return operator.waitForMessage("🧾 Order", { since });
}

/** Presses `label` on the card and waits for the confirmation edit; returns the Yes button's data and the message id. */
async function askToConfirm(operator: TestUser, card: VisibleMessage, label: string, question: string): Promise<{ data: string; messageId: number }> {
  await operator.waitForCallbackAnswer(operator.pressData(callbackDataOf(card, label), card.message_id));
  const confirm = await operator.waitForEdit(question);
  return { data: callbackDataOf(confirm, "✅ Yes, do it"), messageId: confirm.message_id };
}

/** Anna taps Yes twice, Boris once, all at once; returns the three toasts. */
async function tapAllAtOnce(anna: TestUser, boris: TestUser, a: { data: string; messageId: number }, b: { data: string; messageId: number }): Promise<string[]> {
  const taps = [anna.pressData(a.data, a.messageId), anna.pressData(a.data, a.messageId), boris.pressData(b.data, b.messageId)];
  const users = [anna, anna, boris];
  const answers = await Promise.all(taps.map((id, index) => users[index]!.waitForCallbackAnswer(id)));
  return answers.map((answer) => answer.text ?? "").sort();
}

const STALE = "This order changed since the card was shown (or this was done already). Here it is as it is now.";

describe.each(DATABASES)("the operator's order desk on %s", (db) => {
  it("gives a stranger probing look-ups and forged order buttons only the normal answers, and changes nothing", async () => {
    const desk = await startDesk(db);
    const traveller = desk.shop.emulator.user({ first_name: "Tom" });
    const orderId = await paidNotDelivered(desk.shop, traveller);
    const stranger = desk.shop.emulator.user({ first_name: "Mallory" });
    for (const probe of [`/admin ${orderId}`, `/admin ${traveller.id}`, "/admin @tom"]) {
      stranger.send(probe);
      expect((await stranger.waitForMessage()).content).toBe(UNKNOWN);
    }
    const forged = [
      ADMIN_ORDER.card(orderId),
      ADMIN_ORDER.refresh(orderId),
      ADMIN_ORDER.ask("refund", orderId, 0),
      ADMIN_ORDER.confirm("refund", orderId, 0),
      ADMIN_ORDER.confirm("retry", orderId, 0),
      ADMIN_ORDER.ask("resolve", orderId, 0),
      ADMIN_VIEWS.attention(0),
      ADMIN_VIEWS.sales("7d"),
      "adm:m:sales",
      "adm:m:attention",
      ORDER_NOTE.confirm,
    ];
    for (const data of forged) expect((await stranger.waitForCallbackAnswer(stranger.pressData(data))).text).toBe(EXPIRED);
    stranger.send("/start admin");
    expect((await stranger.waitForMessage()).content).toContain("Hi, Mallory");

    const prisma = desk.shop.database.db.prisma;
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "paid", resolvedAt: null });
    expect(await prisma.refund.count()).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(0);
    expect(desk.shop.emulator.callsTo("refundStarPayment")).toEqual([]);
    expect(stranger.messages().some((message) => /Order|Sales|attention/.test(message.content))).toBe(false);
  });

  it("retries a delivery, resends the eSIM and marks the order resolved, each once under double taps and two operators, on the timeline", async () => {
    const { shop: active, anna, boris } = await startDesk(db);
    const traveller = active.emulator.user({ first_name: "Tom", username: "Tom_Travels" });
    traveller.send("/start");
    await traveller.waitForMessage("Hi, Tom");
    const orderId = await paidNotDelivered(active, traveller);

    const annaCard = await openCard(anna, "@tom_travels");
    expect(annaCard.content).toContain(`Order ${orderId} · paid, not delivered`);
    expect(annaCard.content).toContain("👤 Tom @tom_travels");
    expect(buttonLabels(annaCard)).toEqual(["🔁 Retry delivery now", "↩️ Refund Stars", "✅ Mark resolved", "🔄 Refresh"]);
    const borisCard = await openCard(boris, orderId);
    const question = `Retry delivery of order ${orderId} now?`;
    const toasts = await tapAllAtOnce(anna, boris, await askToConfirm(anna, annaCard, "🔁 Retry delivery now", question), await askToConfirm(boris, borisCard, "🔁 Retry delivery now", question));
    expect(toasts).toEqual(["🔁 Delivery is being retried now.", STALE, STALE].sort());
    await traveller.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
    // The last message of a delivery; the order is marked delivered just after it is out (fulfilment's #settleDelivered).
    await traveller.waitForMessage("When do you leave?", { timeoutMs: 10_000 });
    const status = async () => (await active.database.db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status;
    await expect.poll(status, { timeout: 10_000 }).toBe("delivered");
    const sandboxOrders = await active.sandbox.orders();
    expect(sandboxOrders).toHaveLength(1);

    // Found by the ICCID's last digits; Boris's card is stale, so he refreshes it first.
    const delivered = await openCard(anna, sandboxOrders[0]!.iccid.slice(-6));
    expect(buttonLabels(delivered)).toEqual(["📨 Resend eSIM to traveller", "✅ Mark resolved", "🔄 Refresh"]);
    boris.pressData(ADMIN_ORDER.refresh(orderId), borisCard.message_id);
    const refreshed = await boris.waitForEdit("delivered");
    const resendQuestion = `Send the eSIM of order ${orderId} to the traveller again?`;
    const resends = await tapAllAtOnce(anna, boris, await askToConfirm(anna, delivered, "📨 Resend eSIM to traveller", resendQuestion), await askToConfirm(boris, refreshed, "📨 Resend eSIM to traveller", resendQuestion));
    expect(resends).toEqual(["📨 The eSIM was sent to the traveller again.", STALE, STALE].sort());
    const photos = async () => traveller.messages().filter((message) => message.message.photo !== undefined && message.content.includes("Your eSIM is ready"));
    await expect.poll(photos, { timeout: 10_000 }).toHaveLength(2);

    // Mark resolved asks for a note, then for confirmation; a double tap on Confirm resolves once.
    const current = await openCard(anna, orderId);
    anna.pressData(callbackDataOf(current, "✅ Mark resolved"), current.message_id);
    await anna.waitForMessage(`How was order ${orderId} resolved?`);
    anna.send("checked with Tom: all good");
    const check = await anna.waitForMessage("resolved with this note?");
    const confirms = [anna.pressData(ORDER_NOTE.confirm, check.message_id), anna.pressData(ORDER_NOTE.confirm, check.message_id)];
    const first = await anna.waitForCallbackAnswer(confirms[0]!);
    const second = await anna.waitForCallbackAnswer(confirms[1]!);
    expect([first.text, second.text]).toEqual(["✅ Marked resolved.", EXPIRED]);

    const prisma = active.database.db.prisma;
    const audit = await prisma.auditEntry.findMany({ orderBy: { at: "asc" } });
    expect(audit.map((entry) => [entry.action, Number(entry.operatorId) === ANNA || Number(entry.operatorId) === BORIS, entry.result])).toEqual([
      ["order.retry", true, "ok"],
      ["order.resend", true, "ok"],
      ["order.resolve", true, "ok"],
    ]);
    expect(JSON.parse(audit[2]!.details)).toEqual({ note: "checked with Tom: all good" });
    const final = await openCard(anna, orderId);
    expect(final.content).toMatch(/🛠 retry delivery by \d+: ok/);
    expect(final.content).toMatch(/🛠 resend eSIM by \d+: ok/);
    expect(final.content).toContain(`🛠 marked resolved by ${ANNA}: ok — “checked with Tom: all good”`);
    expect(final.content).toContain("✅ Marked resolved");
  });

  it("refunds a paid, undelivered order's Stars once under a double tap and two operators", async () => {
    const { shop: active, anna, boris } = await startDesk(db);
    const traveller = active.emulator.user({ first_name: "Tom" });
    const orderId = await paidNotDelivered(active, traveller);
    const question = `Refund 100 ⭐ of order ${orderId}`;
    const annaCard = await openCard(anna, orderId);
    const borisCard = await openCard(boris, String(traveller.id));
    const price = /💰 (\d+ ⭐)/.exec(annaCard.content)![1]!;
    const ask = (operator: TestUser, card: VisibleMessage) => askToConfirm(operator, card, "↩️ Refund Stars", question.replace("100 ⭐", price));
    const toasts = await tapAllAtOnce(anna, boris, await ask(anna, annaCard), await ask(boris, borisCard));
    expect(toasts).toEqual(["↩️ Refund recorded: the Stars go back to the traveller.", STALE, STALE].sort());
    await traveller.waitForMessage("has been refunded", { timeoutMs: 10_000 });

    expect(active.emulator.callsTo("refundStarPayment")).toHaveLength(1);
    expect(active.emulator.payments().filter((payment) => payment.refunded)).toHaveLength(1);
    const prisma = active.database.db.prisma;
    await expect.poll(async () => (await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status, { timeout: 10_000 }).toBe("refunded");
    expect(await prisma.auditEntry.findMany({ select: { action: true, result: true } })).toEqual([{ action: "order.refund", result: "ok" }]);
    expect(await active.sandbox.orders()).toEqual([]);
    expect(traveller.messages().filter((message) => message.content.includes("has been refunded"))).toHaveLength(1);
  });

  it("records a card payment refunded outside the shop once, with each operator's note asked for, from the manual-refund alert", async () => {
    const { shop: active, anna, boris } = await startDesk(db, { PAYMENT_PROVIDER_TOKEN: "284685063:TEST:card-desk", PAYMENT_CURRENCY: "EUR" });
    const traveller = active.emulator.user({ first_name: "Tom" });
    const { invoice } = await buyUpToInvoice(traveller);
    // The provider refuses the order for good: a card payment is the operator's to refund.
    await active.sandbox.faults({ orders: { fail_next: 1, status: 422 } });
    const payment = await traveller.pay();
    if (!payment.ok) throw new Error(payment.errorMessage);
    const orderId = invoice.invoice!.payload;
    const alert = await anna.waitForMessage("Manual refund needed", { timeoutMs: 10_000 });
    anna.press("🔎 Open order");
    const annaCard = await anna.waitForMessage(`🧾 Order ${orderId} · needs you`);
    expect(buttonLabels(annaCard)).toEqual(["↩️ Mark refunded (card)", "✅ Mark resolved", "🔄 Refresh"]);
    expect(buttonLabels(alert)).toEqual(["🔎 Open order"]);
    const borisCard = await openCard(boris, orderId);

    const withNote = async (operator: TestUser, card: VisibleMessage, note: string) => {
      operator.pressData(callbackDataOf(card, "↩️ Mark refunded (card)"), card.message_id);
      await operator.waitForMessage(`How was the card payment of order ${orderId} refunded?`);
      operator.send(note);
      return operator.waitForMessage("as refunded outside the shop, with this note?");
    };
    const annaCheck = await withNote(anna, annaCard, "refunded in the Stripe dashboard");
    const borisCheck = await withNote(boris, borisCard, "refunded by bank transfer");
    const [first, second] = await Promise.all([
      anna.waitForCallbackAnswer(anna.pressData(ORDER_NOTE.confirm, annaCheck.message_id)),
      boris.waitForCallbackAnswer(boris.pressData(ORDER_NOTE.confirm, borisCheck.message_id)),
    ]);
    expect([first.text, second.text].sort()).toEqual(["↩️ Recorded as refunded outside the shop.", STALE].sort());

    const prisma = active.database.db.prisma;
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "refunded" });
    expect(await prisma.refund.findMany({ select: { status: true } })).toEqual([{ status: "done" }]);
    const audit = await prisma.auditEntry.findMany();
    expect(audit.map((entry) => entry.action)).toEqual(["order.refund"]);
    expect(JSON.parse(audit[0]!.details)).toEqual({ kind: "card", note: expect.stringMatching(/^refunded (in the Stripe dashboard|by bank transfer)$/) });
    expect(active.emulator.callsTo("refundStarPayment")).toEqual([]);
  });

  it("shows sales equal to a hand count, and an unresolved order's alert and Needs attention both open its card", async () => {
    const { shop: active, anna } = await startDesk(db, { FULFILMENT_DEADLINE_MINUTES: "0.02", RECONCILE_RETRY_MINUTES: "0.01", FULFILMENT_RETRY_SECONDS: "0.05" });
    const prisma = active.database.db.prisma;
    const now = Date.now();
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000);
    await seedOrder(prisma, { id: "s1", userId: 301, status: "delivered", amount: 500, costUsdCents: 450, createdAt: at(40), paidAt: at(40), deliveredAt: at(10) });
    await seedOrder(prisma, { id: "s2", userId: 302, status: "delivered", destinationCode: "FR", amount: 700, costUsdCents: 600, createdAt: at(30), paidAt: at(30), deliveredAt: at(20) });
    await seedOrder(prisma, { id: "s3", userId: 303, status: "refunded", amount: 300, createdAt: at(30), paidAt: at(30), refundedAt: at(5), refund: "done" });
    await seedOrder(prisma, { id: "s4", userId: 304, status: "delivered", amount: 900, createdAt: at(40 * 86_400), paidAt: at(40 * 86_400), deliveredAt: at(40 * 86_400) });

    anna.send("/admin");
    await anna.waitForMessage("Shop admin");
    expect(buttonLabels(anna.lastMessage()!)).toEqual(["📊 Sales", "🚨 Needs attention", "🔎 Find an order", "📣 Broadcast"]);
    anna.press("📊 Sales");
    const sales = await anna.waitForMessage("📊 Sales · Today");
    for (const line of ["Paid orders: 3", "Delivered: 2", "Refunded: 1", "Revenue: 1200 ⭐ (≈ $24.00)", "Upstream cost: $10.50", "Margin: $13.50", "Payment → delivery: median 10 sec, p95 30 sec", "1. 🇯🇵 Japan · 2\n2. 🇫🇷 France · 1"]) {
      expect(sales.content).toContain(line);
    }
    expect(buttonLabels(sales)).toEqual(["· Today ·", "7 days", "30 days"]);
    anna.press("30 days");
    expect((await anna.waitForEdit("📊 Sales · 30 days")).content).toContain("Paid orders: 3");

    // The provider neither answers orders nor look-ups: past its deadline the order is unresolved.
    const traveller = active.emulator.user({ first_name: "Tom" });
    await buyUpToInvoice(traveller);
    await active.sandbox.faults({ orders: { fail_next: 100_000, status: 503 }, lookups: { fail_next: 100_000, status: 503 } });
    const payment = await traveller.pay();
    if (!payment.ok) throw new Error(payment.errorMessage);
    const alert = await anna.waitForMessage("Order unresolved at its deadline", { timeoutMs: 15_000 });
    const orderId = /Order: (\S+)/.exec(alert.content)![1]!;
    expect(buttonLabels(alert)).toEqual(["🔎 Open order"]);
    anna.press("🔎 Open order");
    expect((await anna.waitForMessage(`Order ${orderId}`)).content).toContain("paid, not delivered");

    anna.send("/admin");
    await anna.waitForMessage("Shop admin");
    anna.press("🚨 Needs attention");
    const list = await anna.waitForMessage("Needs attention");
    expect(list.content).toContain(`1. ${orderId}`);
    expect(list.content).toContain("not delivered by the deadline");
    anna.press(`1 · ${orderId}`);
    await anna.waitForMessage(`🧾 Order ${orderId}`);
  });
});
