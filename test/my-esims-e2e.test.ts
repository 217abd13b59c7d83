/**
 * My eSIMs and top-ups end to end: the traveller checks the balance, refreshes
 * it, tops up with a payment, and the sandbox shows the top-up. Someone
 * else's eSIM, a duplicate payment, an expired eSIM and upstream failures are
 * handled without charging or changing anything that should not change.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DATABASES } from "./support/databases.ts";
import { buttonLabels, buttonStartingWith, buyEsim, callbackDataOf } from "./support/purchase-flow.ts";
import { buildOctopusFakeCatalog } from "../src/providers/fakes/octopus/catalog.ts";
import { startOctopusFake } from "../src/providers/fakes/octopus/server.ts";
import { seedEsims } from "./support/seed-esims.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { TestUser } from "./support/telegram/user.ts";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** Opens the top-up options from the card and pays the first one; returns the top-up's order id and charge. */
async function topUpFirstOption(user: TestUser): Promise<{ orderId: string; chargeId: string }> {
  user.press("➕ Top up");
  const options = await user.waitForMessage("Choose what to add");
  user.press(buttonStartingWith(options, "+1 GB"));
  const invoice = await user.waitForInvoice();
  const payment = await user.pay(invoice);
  if (!payment.ok) throw new Error(payment.errorMessage);
  return { orderId: invoice.invoice!.payload, chargeId: payment.chargeId };
}

describe.each(DATABASES)("My eSIMs and top-up (%s)", (db) => {
  it("/mysims shows the eSIM, Refresh shows new usage, a paid top-up reaches the sandbox and the balance", async () => {
    shop = await startShop({ db, env: { BALANCE_CACHE_SECONDS: "0" } });
    const user = shop.emulator.user();
    const { iccid } = await buyEsim(shop, user, "Japan");

    user.send("/mysims");
    const card = await user.waitForMessage("Japan");
    expect(card.content).toContain("Waiting for installation");
    expect(card.content).toContain("1 GB of 1 GB left");
    expect(card.content).toContain("Validity starts at first connection (7 days)");
    expect(card.content).toContain(`ICCID …${iccid.slice(-4)}`);
    expect(buttonLabels(card)).toEqual(expect.arrayContaining(["➕ Top up", "🔄 Refresh", "📷 Show QR again", "📲 Install on iPhone"]));

    await shop.sandbox.usage(iccid, 300);
    user.press("🔄 Refresh");
    const refreshed = await user.waitForEdit("724 MB of 1 GB left");
    expect(refreshed.content).toContain("✅ Active");
    expect(refreshed.content).toMatch(/6 days left, until .+ UTC/);
    // Installed now: no QR to show again.
    expect(buttonLabels(refreshed)).not.toContain("📷 Show QR again");

    const { orderId } = await topUpFirstOption(user);
    const confirmation = await user.waitForMessage("Top-up added", { timeoutMs: 10_000 });
    expect(confirmation.content).toContain("+1 GB, +7 days");
    expect(confirmation.content).toContain("1.7 GB of 2 GB left");
    expect(await shop.sandbox.topUps()).toMatchObject([{ external_topup_id: orderId, data_mb: 1024, validity_days: 7 }]);

    user.send("/mysims");
    const after = await user.waitForMessage("Japan");
    expect(after.content).toContain("1.7 GB of 2 GB left");
    expect(after.content).toMatch(/13 days left/);
  });

  it("a duplicate top-up payment tops up once upstream and refunds the second charge", async () => {
    shop = await startShop({ db });
    const user = shop.emulator.user();
    await buyEsim(shop, user);
    user.send("/mysims");
    await user.waitForMessage("Japan");
    user.press("➕ Top up");
    const options = await user.waitForMessage("Choose what to add");
    user.press(buttonStartingWith(options, "+1 GB"));
    const invoice = await user.waitForInvoice();
    const [first, second] = await Promise.all([user.pay(invoice), user.pay(invoice)]);
    if (!first.ok || !second.ok) throw new Error("both payments should pass pre-checkout");
    await user.waitForMessage("Top-up added", { timeoutMs: 10_000 });
    await user.waitForMessage("You paid twice");
    user.redeliverPayment(first.chargeId);
    user.send("/help");
    await user.waitForMessage("How it works");

    expect(await shop.sandbox.topUps()).toHaveLength(1);
    expect(user.messages().filter((m) => m.content.includes("Top-up added"))).toHaveLength(1);
    expect(shop.emulator.callsTo("refundStarPayment")).toHaveLength(1);
  });
});

describe("top-up refusals and failures", () => {
  it("someone else's eSIM in callback data or a deep link is refused; nothing is ordered", async () => {
    shop = await startShop();
    const owner = shop.emulator.user({ first_name: "Ann" });
    await buyEsim(shop, owner);
    owner.send("/mysims");
    const card = await owner.waitForMessage("Japan");
    const topUpData = callbackDataOf(card, "➕ Top up");
    const refreshData = callbackDataOf(card, "🔄 Refresh");
    const esimId = topUpData.slice("tu:".length);

    const intruder = shop.emulator.user({ first_name: "Eve" });
    intruder.send("/start");
    await intruder.waitForMessage("Hi, Eve");
    for (const data of [topUpData, refreshData, `my:c:${esimId}`, `my:q:${esimId}`, `tu:${esimId}:jp-1gb-7d`]) {
      const answer = await intruder.waitForCallbackAnswer(intruder.pressData(data));
      expect(answer).toMatchObject({ text: "This eSIM is not in your account.", show_alert: true });
    }
    intruder.send(`/start topup_${esimId}`);
    await intruder.waitForMessage("This eSIM is not in your account.");

    expect(shop.emulator.callsTo("sendInvoice")).toHaveLength(1); // the owner's purchase only
    expect(intruder.messages().filter((m) => m.content.includes("ICCID"))).toEqual([]);
  });

  it("top-up options by deep link and by button, an option no longer sold, an invoice Telegram refuses, then the invoice's texts", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const { iccid } = await buyEsim(shop, user);
    const tail = iccid.slice(-4);
    user.send("/mysims");
    const card = await user.waitForMessage("Japan");
    const esimId = callbackDataOf(card, "➕ Top up").slice("tu:".length);

    user.send(`/start topup_${esimId}`);
    const options = await user.waitForMessage("Choose what to add");
    expect(options.content).toContain(`Top up your 🇯🇵 Japan eSIM (…${tail})`);
    expect(buttonLabels(options).at(-1)).toBe("‹ Back");
    // From the card's button, the press is answered too.
    const since = user.mark();
    await user.waitForCallbackAnswer(user.pressData(callbackDataOf(card, "➕ Top up"), card.message_id));
    await user.waitForMessage("Choose what to add", { since });

    const gone = await user.waitForCallbackAnswer(user.pressData(`tu:${esimId}:jp-no-such-plan`, options.message_id));
    expect(gone).toMatchObject({ text: "This option is no longer sold. Please pick another one.", show_alert: true });

    shop.emulator.failNext("sendInvoice", { error_code: 400, description: "Bad Request: PAYMENT_PROVIDER_INVALID" });
    user.press(buttonStartingWith(options, "+1 GB"));
    await user.waitForMessage("The invoice could not be sent, so nothing was charged");
    user.press(buttonStartingWith(options, "+1 GB"));
    const { invoice } = await user.waitForInvoice();
    expect(invoice).toMatchObject({ title: "Top-up: Japan", description: `Adds 1 GB and 7 days to your eSIM …${tail}. No reinstall needed.` });
    expect(invoice!.prices.map((price) => price.label)).toEqual(["+1 GB, +7 days"]);
  });

  it("an eSIM that expired cannot be topped up: Buy again instead, and an older invoice is refused at pre-checkout", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const { iccid } = await buyEsim(shop, user);
    user.send("/mysims");
    await user.waitForMessage("Japan");
    user.press("➕ Top up");
    const options = await user.waitForMessage("Choose what to add");
    user.press(buttonStartingWith(options, "+1 GB"));
    const invoice = await user.waitForInvoice();

    await shop.sandbox.expire(iccid);
    await shop.app.tickLifecycle();
    await user.waitForMessage("has expired");

    const paid = await user.pay(invoice);
    expect(paid).toMatchObject({ ok: false, errorMessage: expect.stringContaining("has expired, so it can't be topped up") });

    user.send(`/start topup_${callbackDataOf(options, buttonStartingWith(options, "+1 GB")).split(":")[1]}`);
    const refusal = await user.waitForMessage("can't be topped up any more");
    expect(buttonLabels(refusal)).toEqual(["🔁 Buy again"]);
    user.press("🔁 Buy again");
    await user.waitForMessage("Choose a plan");
    expect(await shop.sandbox.topUps()).toHaveLength(0);
  });

  it("the low-data notification's Top up button leads to the top-up options", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const { iccid } = await buyEsim(shop, user);
    await shop.sandbox.usage(iccid, 900);
    await shop.app.tickLifecycle();
    await user.waitForMessage("running low");
    user.press("➕ Top up");
    const options = await user.waitForMessage("Choose what to add");
    expect(options.content).toContain("124 MB left");
    expect(buttonLabels(options)[0]).toMatch(/^\+1 GB · \+7 days — \d+ ⭐$/);
  });

  it("upstream failures: the traveller is told, retries apply the top-up once", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "0" } });
    const user = shop.emulator.user();
    await buyEsim(shop, user);
    user.send("/mysims");
    await user.waitForMessage("Japan");
    await shop.sandbox.faults({ orders: { fail_next: 2, status: 500 } });
    await topUpFirstOption(user);
    await user.waitForMessage("top-up is being processed");
    await user.waitForMessage("Top-up added", { timeoutMs: 10_000 });
    expect(await shop.sandbox.topUps()).toHaveLength(1);
  });

  it("a restart between the top-up payment and the upstream call loses nothing", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    await buyEsim(shop, user);
    user.send("/mysims");
    await user.waitForMessage("Japan");
    await shop.sandbox.faults({ orders: { fail_next: 1000, status: 500 } });
    const { orderId } = await topUpFirstOption(user);
    await user.waitForMessage("top-up is being processed");
    await shop.stopApp();

    // The new process has a healthy provider; the pending top-up resumes at start.
    await shop.restart();
    await user.waitForMessage("Top-up added", { timeoutMs: 10_000 });
    expect(await shop.sandbox.topUps()).toMatchObject([{ external_topup_id: orderId }]);
  });

  it("a top-up the provider refuses is refunded and the eSIM is unchanged", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "0" } });
    const user = shop.emulator.user();
    await buyEsim(shop, user);
    user.send("/mysims");
    await user.waitForMessage("Japan");
    // A definitive refusal (a 4xx), not an outage: an unknown outcome is never refunded blind.
    await shop.sandbox.faults({ orders: { fail_next: 1000, status: 422 } });
    const { chargeId } = await topUpFirstOption(user);
    const refund = await user.waitForMessage("couldn't add your top-up", { timeoutMs: 10_000 });
    expect(refund.content).toMatch(/\d+ ⭐ has been refunded/);
    expect(shop.emulator.callsTo("refundStarPayment").map((c) => c.params.telegram_payment_charge_id)).toEqual([chargeId]);
    expect(await shop.sandbox.topUps()).toHaveLength(0);
    await shop.sandbox.faults({ orders: { fail_next: 0, status: 500 } });
    user.send("/mysims");
    expect((await user.waitForMessage("Japan")).content).toContain("1 GB of 1 GB left");
  });

  it("many eSIMs are listed five to a page, each opening its own card", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const destinations = ["Japan", "France", "Italy", "Spain", "Germany", "Mexico"];
    for (const destination of destinations) await buyEsim(shop, user, destination);

    user.send("/mysims");
    const first = await user.waitForMessage("Your eSIMs (6)");
    // Newest first: five cards on page one, the first purchase on page two.
    for (const name of ["Mexico", "Germany", "Spain", "Italy", "France"]) expect(first.content).toContain(name);
    expect(first.content).not.toContain("Japan");
    expect(buttonLabels(first)).toEqual(expect.arrayContaining(["1/2", "›"]));
    expect(buttonLabels(first)).not.toContain("‹");

    user.press("›");
    const second = await user.waitForEdit("Japan");
    expect(second.content).not.toContain("Mexico");
    expect(buttonLabels(second)).toEqual(expect.arrayContaining(["‹", "2/2"]));

    user.press(buttonStartingWith(second, "🇯🇵 Japan"));
    const card = await user.waitForEdit((m) => m.content.startsWith("🇯🇵 Japan"));
    expect(card.content).not.toContain("Your eSIMs");
    expect(buttonLabels(card)).toEqual(expect.arrayContaining(["➕ Top up", "‹ All my eSIMs"]));
    user.press("‹ All my eSIMs");
    await user.waitForEdit("Mexico");
  });

  it("an empty list offers to buy; the menu opens the list; an installed eSIM's QR is not sent again; an expired one offers to buy again", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "0" } });
    const user = shop.emulator.user();
    user.send("/mysims");
    const empty = await user.waitForMessage("You have no eSIMs yet");
    expect(buttonLabels(empty)).toEqual(["🛒 Buy an eSIM"]);

    const { iccid } = await buyEsim(shop, user, "Japan");
    const since = user.mark();
    user.pressData("menu:mysims", empty.message_id);
    await user.waitForMessage("Japan", { since });
    // The deep link from inline mode's "Open the bot" opens the same card.
    const linked = user.mark();
    user.send("/start mysims");
    const card = await user.waitForMessage("Japan", { since: linked });
    // The only eSIM's card: nothing to go back to; inline mode opens with an empty query.
    expect(buttonLabels(card)).not.toContain("‹ All my eSIMs");
    const inline = card.reply_markup!.inline_keyboard.flat().find((button) => "switch_inline_query_current_chat" in button);
    expect(inline).toMatchObject({ switch_inline_query_current_chat: "" });
    expect(card.content).toContain("Waiting for installation");
    const showQr = callbackDataOf(card, "📷 Show QR again");

    await shop.sandbox.usage(iccid, 300);
    user.press("🔄 Refresh");
    await user.waitForEdit("724 MB of 1 GB left");
    // The QR button of a card shown before the eSIM was installed.
    const answer = await user.waitForCallbackAnswer(user.pressData(showQr, card.message_id));
    expect(answer).toMatchObject({ text: "This eSIM is already installed. A QR code installs only once, so there is nothing to scan again.", show_alert: true });
    expect(user.messages().filter((message) => message.photo)).toHaveLength(1);

    await shop.sandbox.expire(iccid);
    user.press("🔄 Refresh");
    const expired = await user.waitForEdit((message) => buttonLabels(message).includes("🔁 Buy again"));
    expect(buttonLabels(expired)).not.toContain("➕ Top up");
    expect(buttonLabels(expired)).not.toContain("🔄 Refresh");
  });

  it("Refresh within BALANCE_CACHE_SECONDS shows the last reading instead of asking the provider again", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "600" } });
    const user = shop.emulator.user();
    const { iccid } = await buyEsim(shop, user);
    user.send("/mysims");
    await user.waitForMessage("1 GB of 1 GB left");
    await shop.sandbox.usage(iccid, 300);
    const answer = await user.waitForCallbackAnswer(user.press("🔄 Refresh"));
    expect(answer.text).toBe("Updated just now");
    user.send("/mysims");
    expect((await user.waitForMessage("Japan")).content).toContain("1 GB of 1 GB left");
  });
});

describe("My eSIMs: the list, its pager and its edits", () => {
  it("pages through eleven eSIMs; arrows only where there is a page; a press that changes nothing is answered quietly; a card opens without an 'Updated' note", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "600" } });
    const inlineLabel = `🔎 Check from any chat: @${shop.emulator.botInfo.username}`;
    const ann = shop.emulator.user({ first_name: "Ann" });
    const codes = ["JP", "FR", "IT", "ES", "DE", "MX", "US", "GB", "TH", "PT", "GR"];
    await seedEsims(shop, ann, codes.map((code, i) => ({ code, tail: String(1000 + i) })));

    ann.send("/mysims");
    const list = await ann.waitForMessage("Your eSIMs (11)");
    // Newest first, each button with its ICCID's last four digits; no ‹ on the first page.
    expect(buttonLabels(list)).toEqual(["🇬🇷 Greece ·1010", "🇵🇹 Portugal ·1009", "🇹🇭 Thailand ·1008", "🇬🇧 United Kingdom ·1007", "🇺🇸 United States ·1006", "1/3", "›", inlineLabel]);
    // The header and each eSIM's card are paragraphs of their own.
    expect(list.content).toMatch(/^📱 Your eSIMs \(11\)\n\n🇬🇷 Greece/);
    expect(list.content).toMatch(/\n\n🇵🇹 Portugal/);
    const inline = list.reply_markup!.inline_keyboard.flat().find((button) => button.text === inlineLabel);
    expect(inline).toMatchObject({ switch_inline_query_current_chat: "" });
    expect(shop.emulator.callsTo("sendMessage").at(-1)!.params).toMatchObject({ link_preview_options: { is_disabled: true } });

    ann.press("›");
    const second = await ann.waitForEdit((message) => buttonLabels(message).includes("2/3"));
    expect(buttonLabels(second)).toEqual(["🇲🇽 Mexico ·1005", "🇩🇪 Germany ·1004", "🇪🇸 Spain ·1003", "🇮🇹 Italy ·1002", "🇫🇷 France ·1001", "‹", "2/3", "›", inlineLabel]);
    expect(shop.emulator.callsTo("editMessageText").at(-1)!.params).toMatchObject({ link_preview_options: { is_disabled: true } });
    ann.press("‹");
    await ann.waitForEdit((message) => buttonLabels(message).includes("1/3"));
    ann.press("›");
    await ann.waitForEdit((message) => buttonLabels(message).includes("2/3"));
    ann.press("›");
    const last = await ann.waitForEdit((message) => buttonLabels(message).includes("3/3"));
    expect(buttonLabels(last)).toEqual(["🇯🇵 Japan ·1000", "‹", "3/3", inlineLabel]);

    // The page's own label shows the same page: Telegram refuses the edit as "not modified", which is no error.
    const same = await ann.waitForCallbackAnswer(ann.press("3/3"));
    expect(same.text).toBeUndefined();
    ann.send("/help");
    await ann.waitForMessage("How it works");
    expect(shop.emulator.callsTo("editMessageText").at(-1)!.response).toMatchObject({ ok: false, description: expect.stringContaining("message is not modified") });
    expect(shop.logs.filter((record) => record.level >= 50)).toEqual([]);

    // Opening a card is answered without the "Updated …" note that only Refresh gives.
    const opened = await ann.waitForCallbackAnswer(ann.press("🇯🇵 Japan ·1000"));
    expect(opened.text).toBeUndefined();
    const card = await ann.waitForEdit((message) => message.content.startsWith("🇯🇵 Japan"));
    expect(buttonLabels(card)).toEqual(expect.arrayContaining(["‹ All my eSIMs", inlineLabel]));
    expect(shop.emulator.callsTo("editMessageText").at(-1)!.params).toMatchObject({ link_preview_options: { is_disabled: true } });
    const refreshed = await ann.waitForCallbackAnswer(ann.press("🔄 Refresh"));
    expect(refreshed.text).toBe("Updated just now");

    // Any other refusal of an edit is an error the operator sees in the logs.
    shop.emulator.failNext("editMessageText", { error_code: 400, description: "Bad Request: message to edit not found" });
    ann.press("‹ All my eSIMs");
    await expect.poll(() => shop!.logs.filter((record) => record.level >= 50 && record.msg === "update failed")).toHaveLength(1);
  });

  it("a list of two has no pager; top-up of an eSIM whose destination is no longer sold, or that expired, answers the button and says why", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "600" } });
    const bob = shop.emulator.user({ first_name: "Bob" });
    const [cuba, expired] = await seedEsims(shop, bob, [{ code: "CU", tail: "2001" }, { code: "JP", tail: "2002", status: "expired" }]);

    bob.send("/mysims");
    const list = await bob.waitForMessage("Your eSIMs (2)");
    expect(buttonLabels(list)).toEqual(["🇯🇵 Japan ·2002", "🇨🇺 Cuba ·2001", `🔎 Check from any chat: @${shop.emulator.botInfo.username}`]);

    const notSold = await bob.waitForCallbackAnswer(bob.pressData(`tu:${cuba}`, list.message_id));
    expect(notSold).toEqual({});
    const refusal = await bob.waitForMessage("are not sold right now");
    expect(refusal.content).toContain("Top-ups for your 🇨🇺 Cuba eSIM are not sold right now");
    expect(buttonLabels(refusal)).toEqual(["🔁 Buy again"]);

    const since = bob.mark();
    const gone = await bob.waitForCallbackAnswer(bob.pressData(`tu:${expired}`, list.message_id));
    expect(gone).toEqual({});
    await bob.waitForMessage("can't be topped up any more", { since });
  });
});

describe("top-up options from a catalog with many plans", () => {
  it("shows the twelve smallest of fourteen plans for the eSIM's destination, then Back", async () => {
    // The octopus provider's fake, serving Japan with fourteen variants (no built-in catalog sells more than six for a country).
    const products = buildOctopusFakeCatalog();
    const japan = products.find((product) => product.country_code === "JPN")!;
    const [first] = japan.variants;
    const extra = [30, 40, 60, 80, 100, 150, 200, 300, 500].map((dataGb, i) => ({ ...first!, id: 99_000 + i, name: `Japan ${dataGb} GB / 30 days`, data_amount_gb: dataGb, validity_days: 30, amount: dataGb }));
    japan.variants = [...japan.variants, ...extra];
    expect(japan.variants).toHaveLength(14);
    const octopus = await startOctopusFake({ port: 0, apiKey: "octopus-test-key", products });
    try {
      shop = await startShop({ env: { ESIM_PROVIDER: "octopus", PROVIDER_BASE_URL: octopus.url, PROVIDER_API_KEY: "octopus-test-key" } });
      const user = shop.emulator.user();
      const [esimId] = await seedEsims(shop, user, [{ code: "JP", tail: "3001" }]);
      user.send(`/start topup_${esimId}`);
      const options = await user.waitForMessage("Choose what to add");
      const labels = buttonLabels(options);
      expect(labels).toHaveLength(13);
      expect(labels[0]).toMatch(/^\+1 GB · \+7 days — /);
      // Smallest first: the twelfth smallest is the last option, the two largest are left out.
      const sizes = japan.variants.map((variant) => variant.data_amount_gb).sort((a, b) => a - b);
      expect(labels[11]).toMatch(new RegExp(`^\\+${sizes[11]} GB · `));
      expect(labels.filter((label) => label.startsWith(`+${sizes[13]} GB`))).toEqual([]);
      expect(labels[12]).toBe("‹ Back");
    } finally {
      await shop?.close();
      shop = undefined;
      await octopus.close();
    }
  });
});
