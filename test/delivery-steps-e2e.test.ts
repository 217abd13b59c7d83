/**
 * A delivery is three messages (the QR; the SM-DP+ address, activation code
 * and install help; "When do you leave?"), each recorded as Telegram accepts
 * it. When a later one fails to go out — the send fails, or the process dies
 * — the retry (or the next process) sends only the messages still missing:
 * the traveller sees one QR and one activation code, in order.
 *
 * The failure is injected at the Telegram emulator: the install-details
 * message is dropped without reaching the chat (the bot sees a lost
 * connection), after the QR went out.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseProvider } from "../src/db/client.ts";
import { queryRows } from "./support/databases.ts";
import { purchaseToQr } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import { useShopChildRun } from "./support/shop-child-run.ts";
import type { RecordedCall } from "./support/telegram/call-log.ts";
import type { TestUser } from "./support/telegram/user.ts";

/** Generous: the shop may be a process just started on a loaded machine. */
const WAIT = { timeoutMs: 30_000 };
const PURCHASE = { stepByStep: false, timeoutMs: WAIT.timeoutMs };

/** The install-details message to a chat (it names the SM-DP+ address and the activation code). */
const isDetailsTo = (chatId: number) => (params: Record<string, unknown>) =>
  Number(params.chat_id) === chatId && typeof params.text === "string" && params.text.includes("Activation code");

/** What the traveller sees of the delivery: QRs, messages with an activation code, trip questions, in order. */
function deliverySeen(user: TestUser): string[] {
  return user.messages().flatMap((message) => {
    if (message.photo && message.content.includes("Your eSIM is ready")) return ["QR"];
    if (message.content.includes("Activation code")) return ["code"];
    if (message.content.includes("When do you leave?")) return ["trip question"];
    return [];
  });
}

describe.each<DatabaseProvider>(["sqlite", "postgresql"])("a delivery resumes where it stopped (%s)", (db) => {
  let shop: TestShop | undefined;
  afterEach(async () => {
    await shop?.close();
    shop = undefined;
  });

  it("the install details fail to go out after the QR: the retry sends only the rest — one QR, one code", { timeout: 60_000 }, async () => {
    shop = await startShop({ db });
    const user = shop.emulator.user({ language_code: "en" });
    // Only the install details (they come after the QR) are dropped, once.
    shop.emulator.failNext("sendMessage", "drop", 1, { onlyIf: isDetailsTo(user.chatId) });
    await purchaseToQr(user, PURCHASE);

    await user.waitForMessage("When do you leave?", WAIT);
    // The fault was used: the details went out twice, the first time lost on the way.
    const details = shop.emulator.callsTo("sendMessage").filter((call) => isDetailsTo(user.chatId)(call.params));
    expect(details.map((call) => call.fault?.dropped ?? false)).toEqual([true, false]);
    expect(deliverySeen(user)).toEqual(["QR", "code", "trip question"]);
    expect(shop.emulator.callsTo("sendPhoto")).toHaveLength(1);
    // Recorded as delivered right after its last message.
    const orders = () => queryRows(shop!.database.db, `SELECT "status" FROM "Order"`);
    await expect.poll(orders, { timeout: 10_000, interval: 100 }).toEqual([{ status: "delivered" }]);
  });
});

describe("a delivery resumes after its process died (sqlite)", () => {
  const beginRun = useShopChildRun({ token: "7000000020:AAE-test-token-for-delivery-steps", dirPrefix: "esim-delivery-steps-" });

  it("killed with SIGKILL after the QR went out: the next process sends only the rest — one QR, one code", { timeout: 120_000 }, async () => {
    const { emulator, env: base, start } = await beginRun();
    const env = {
      ...base,
      DASHBOARD_PORT: "off",
      FULFILMENT_RETRY_SECONDS: "0.2",
      POLL_CRON: "0 0 1 1 *",
      LOG_LEVEL: "error",
      TEST_MESSAGES_PER_SECOND: "1000",
      // The dead process' claim on the job runs out soon.
      TEST_FULFILMENT_LEASE_MS: "2000",
    };
    const first = await start(env);
    const user = emulator.user({ first_name: "Ines", language_code: "en" });
    // The details (after the QR) never reach the chat, and the process dies the moment they were tried.
    emulator.failNext("sendMessage", "drop", 1, { onlyIf: isDetailsTo(user.chatId) });
    const died = new Promise<void>((resolve) => {
      const stop = emulator.onCall((call: RecordedCall) => {
        if (call.method !== "sendMessage" || !call.fault?.dropped) return;
        stop();
        first.child.kill("SIGKILL");
        resolve();
      });
    });
    await purchaseToQr(user, PURCHASE);
    await died;
    await first.kill();
    expect(deliverySeen(user)).toEqual(["QR"]);

    await start(env);
    await user.waitForMessage("When do you leave?", WAIT);
    expect(deliverySeen(user)).toEqual(["QR", "code", "trip question"]);
    expect(emulator.callsTo("sendPhoto")).toHaveLength(1);
  });
});
