/**
 * The delivered install message end to end: copy buttons that carry exactly
 * the SM-DP+ address and the activation code the QR encodes, the iPhone
 * link, and short iPhone and Android steps in the traveller's language; the
 * same again from My eSIMs → Show QR again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLpa, type ActivationDetails } from "../src/domain/lpa.ts";
import { buttonLabels, buttonStartingWith } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { VisibleMessage } from "./support/telegram/chats.ts";
import { decodeQrPng } from "./support/telegram/qr.ts";
import type { TestUser } from "./support/telegram/user.ts";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(async () => {
  await shop.close();
});

/** What the traveller's phone would put on the clipboard, button by button: [label, copied text]. */
function copyButtons(message: VisibleMessage): [string, string][] {
  return (message.reply_markup?.inline_keyboard.flat() ?? []).flatMap((b): [string, string][] =>
    "copy_text" in b && b.copy_text ? [[b.text, b.copy_text.text]] : [],
  );
}

/** The latest QR photo's activation details and the manual-install message after it. */
async function installMessages(user: TestUser, detailsText: string): Promise<{ lpa: ActivationDetails; manual: VisibleMessage }> {
  const photo = await user.waitForPhoto(undefined, { timeoutMs: 10_000 });
  const lpa = parseLpa(decodeQrPng(photo.photo!));
  if (!lpa) throw new Error("the QR holds no LPA string");
  const manual = await user.waitForMessage(detailsText, { timeoutMs: 10_000 });
  return { lpa, manual };
}

/** Buys Japan 1 GB for 7 days in one line, whatever the language, and pays. */
async function buyInOneLine(user: TestUser): Promise<void> {
  user.send("/buy Japan 1GB 7 days");
  const summary = await user.waitForMessage((m) => buttonLabels(m).some((label) => label.startsWith("💳")));
  user.press(buttonStartingWith(summary, "💳"));
  await user.waitForInvoice();
  const paid = await user.pay();
  if (!paid.ok) throw new Error(paid.errorMessage);
}

describe("delivery: copy buttons and install steps", () => {
  it.each([
    { language: "en", details: "SM-DP+ address", labels: ["📋 Copy SM-DP+ address", "📋 Copy activation code"], iphone: "Enter Details Manually", android: "Enter code manually" },
    { language: "ru", details: "Адрес SM-DP+", labels: ["📋 Копировать адрес SM-DP+", "📋 Копировать код активации"], iphone: "Ввести данные вручную", android: "Ввести код вручную" },
    { language: "es", details: "Dirección SM-DP+", labels: ["📋 Copiar dirección SM-DP+", "📋 Copiar código de activación"], iphone: "Introducir datos manualmente", android: "Introducir código manualmente" },
  ])("$language: on delivery and on Show QR again", async ({ language, details, labels, iphone, android }) => {
    const user = shop.emulator.user({ language_code: language });
    await buyInOneLine(user);
    const delivered = await installMessages(user, details);
    expect(copyButtons(delivered.manual)).toEqual([
      [labels[0], delivered.lpa.smdpAddress],
      [labels[1], delivered.lpa.matchingId],
    ]);
    expect(delivered.manual.content).toContain(iphone);
    expect(delivered.manual.content).toContain(android);
    expect(delivered.manual.content).toContain("iPhone");
    expect(delivered.manual.content).toContain("Android");
    expect(delivered.manual.content.length).toBeLessThanOrEqual(4096);

    user.send("/mysims");
    await user.waitForMessage("ICCID");
    user.press("📷");
    const again = await installMessages(user, details);
    expect(again.lpa).toEqual(delivered.lpa);
    expect(copyButtons(again.manual)).toEqual(copyButtons(delivered.manual));
    expect(again.manual.content).toBe(delivered.manual.content);
  });
});
