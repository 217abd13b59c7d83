/**
 * Secrets never reach the logs, even when Telegram fails (issue #10, items
 * 1–3): a send that fails during delivery and "Show QR again" would log the
 * message with the activation code, a refused invoice its provider_token, a
 * network error the URL with the bot token. The logs still say what failed:
 * the method, Telegram's error code and description. (Every end-to-end test
 * also checks its shop's logs when the shop closes: test/support/shop.ts.)
 */
import { Api, HttpError } from "grammy";
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { parseLpa } from "../src/domain/lpa.ts";
import { createLogger } from "../src/logger.ts";
import { buttonLabels, buttonStartingWith, buyEsim } from "./support/purchase-flow.ts";
import { decodeQrPng } from "./support/telegram/qr.ts";
import { startShop, type TestShop } from "./support/shop.ts";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

type LogRecord = TestShop["logs"][number];

/** The records with this message, and their `err`. */
function failures(s: TestShop, msg: string): Array<LogRecord & { err: Record<string, unknown> }> {
  return s.logs.filter((record): record is LogRecord & { err: Record<string, unknown> } => record.msg === msg && typeof record.err === "object");
}

const TOO_LONG = { error_code: 400, description: "Bad Request: message is too long" };

describe("logs of failed Telegram calls", () => {
  it("a send that fails during delivery is logged with method, code and description, never the activation code", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    // Upstream answers slowly, so the fault below is in place before the eSIM is sent.
    await shop.sandbox.faults({ latency_ms: 1_500 });
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    user.send("Japan");
    user.press(buttonLabels(await user.waitForMessage("Choose a plan"))[0]!);
    user.press(buttonStartingWith(await user.waitForEdit("— starts at first connection"), "💳 Pay"));
    await user.waitForInvoice();
    await user.pay();
    await user.waitForMessage("Payment received");
    shop.emulator.failNext("sendMessage", TOO_LONG);

    // The retry delivers: the traveller gets the code all the same.
    const details = await user.waitForMessage("Activation code", { timeoutMs: 10_000 });
    const matchingId = /Activation code:\s*(\S+)/.exec(details.content)?.[1];
    expect(matchingId).toBeTruthy();
    const [failure] = failures(shop, "sending the eSIM failed; will retry");
    expect(failure?.err).toMatchObject({ type: "GrammyError", method: "sendMessage", ...TOO_LONG });
    expect(failure?.err).not.toHaveProperty("payload");
    expect(JSON.stringify(shop.logs)).not.toContain(matchingId);
  });

  it("a failing Show QR again is logged usefully, without the activation code", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    await buyEsim(shop, user);
    const photo = await user.waitForPhoto("Your eSIM is ready");
    const { matchingId } = parseLpa(decodeQrPng(photo.photo!))!;
    user.send("/mysims");
    await user.waitForMessage((message) => buttonLabels(message).includes("📷 Show QR again"));
    shop.emulator.failNext("sendMessage", TOO_LONG);
    user.press("📷 Show QR again");

    await shop.emulator.waitForCall("sendMessage", (call) => call.response?.ok === false);
    await expect.poll(() => failures(shop!, "update failed").length).toBe(1);
    const [failure] = failures(shop, "update failed");
    expect(failure?.err).toMatchObject({ type: "GrammyError", method: "sendMessage", ...TOO_LONG });
    expect(failure?.err).not.toHaveProperty("payload");
    expect(JSON.stringify(shop.logs)).not.toContain(matchingId);
  });

  it("a refused card invoice tells the traveller the truth and never logs the provider token", async () => {
    const providerToken = "284685063:TEST:Y2FyZC1wcm92aWRlci10b2tlbi1mb3ItdGVzdHM";
    shop = await startShop({ env: { PAYMENT_PROVIDER_TOKEN: providerToken, PAYMENT_CURRENCY: "EUR" } });
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    user.send("Japan");
    user.press(buttonLabels(await user.waitForMessage("Choose a plan"))[0]!);
    const summary = await user.waitForEdit("— starts at first connection");
    shop.emulator.failNext("sendInvoice", { error_code: 400, description: "Bad Request: PAYMENT_PROVIDER_INVALID" });
    user.press(buttonStartingWith(summary, "💳 Pay"));

    const told = await user.waitForEdit("could not be sent");
    expect(told.content).toContain("nothing was charged");
    expect(told.content).not.toContain("Here is your invoice");
    expect(buttonLabels(told)).toContain(buttonStartingWith(summary, "💳 Pay"));
    expect(shop.emulator.invoices).toHaveLength(0);
    const [failure] = failures(shop, "Telegram refused the invoice");
    expect(failure?.err).toMatchObject({
      type: "GrammyError",
      method: "sendInvoice",
      error_code: 400,
      description: "Bad Request: PAYMENT_PROVIDER_INVALID",
    });
    expect(failure?.err).not.toHaveProperty("payload");
    expect(JSON.stringify(shop.logs)).not.toContain(providerToken);

    // Pay again: this time Telegram takes it.
    user.press(buttonStartingWith(told, "💳 Pay"));
    const invoice = await user.waitForInvoice();
    expect(invoice.invoice).toMatchObject({ currency: "EUR" });
    await user.waitForEdit("Here is your invoice");
  });

  it("a refused top-up invoice tells the traveller nothing was charged", async () => {
    const providerToken = "284685063:TEST:dG9wLXVwLWludm9pY2UtcHJvdmlkZXItdG9rZW4";
    shop = await startShop({ env: { PAYMENT_PROVIDER_TOKEN: providerToken, PAYMENT_CURRENCY: "EUR" } });
    const user = shop.emulator.user();
    await buyEsim(shop, user);
    user.send("/mysims");
    await user.waitForMessage((message) => buttonLabels(message).includes("➕ Top up"));
    user.press("➕ Top up");
    const options = await user.waitForMessage("Choose what to add");
    shop.emulator.failNext("sendInvoice", { error_code: 400, description: "Bad Request: PAYMENT_PROVIDER_INVALID" });
    user.press(buttonStartingWith(options, "+1 GB"));

    const told = await user.waitForMessage("could not be sent");
    expect(told.content).toContain("nothing was charged");
    const [failure] = failures(shop, "Telegram refused the invoice");
    expect(failure?.err).toMatchObject({ method: "sendInvoice", error_code: 400, description: "Bad Request: PAYMENT_PROVIDER_INVALID" });
    expect(failure?.err).not.toHaveProperty("payload");
    // The options still work.
    user.press(buttonStartingWith(options, "+1 GB"));
    await user.waitForInvoice();
  });
});

describe("a network error", () => {
  it("while polling is logged with the API root and the reason, never the token, and polling goes on", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    user.send("/start");
    await user.waitForMessage("Hi");
    // The connection of the next two polls is cut (the bot sees a network error with the token in its URL).
    shop.emulator.failNext("getUpdates", "drop", 2);
    user.send("/help");
    await user.waitForMessage("How it works");
    await expect.poll(() => shop!.logs.filter((record) => String(record.msg).startsWith("polling Telegram at")).length).toBe(2);
    const [failure] = shop.logs.filter((record) => String(record.msg).startsWith("polling Telegram at"));
    expect(failure).toMatchObject({ level: 40, apiRoot: shop.emulator.apiRoot, reason: "other side closed (UND_ERR_SOCKET)" });
    // The next poll that returns (with this message) says polling works again.
    user.send("/help");
    await user.waitForMessage("How it works");
    await expect.poll(() => shop!.logs.some((record) => String(record.msg).startsWith("Telegram answers again"))).toBe(true);
    expect(JSON.stringify(shop.logs)).not.toContain(shop.emulator.token.split(":")[1]);
  });

  it("is logged with the method and the reason, never the URL's bot token, even when no secret is configured", async () => {
    const token = "7000000009:AAE-network-error-token-0123456789";
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const error = await new Api(token, { apiRoot: `http://127.0.0.1:${port}` }).getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    // The bare error does carry the token in its cause's message: this is what must not be logged.
    expect(((error as HttpError).error as Error).message).toContain(token);

    for (const format of ["json", "pretty"] as const) {
      const lines: string[] = [];
      const destination = new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) });
      const log = createLogger({ level: "trace", format, secrets: [], destination });
      log.error({ err: error }, "Telegram unreachable");
      const text = lines.join("");
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split(":")[1]);
      expect(text).toContain("getMe");
      expect(text).toContain("ECONNREFUSED");
    }
  });
});
