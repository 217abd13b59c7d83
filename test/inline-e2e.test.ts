/**
 * Inline mode end to end: `@bot` in any chat lists the asking user's own
 * eSIMs with their balances (personal results), a destination filters them,
 * and a destination they have no eSIM for shows shareable plan cards; a
 * country not sold, or a query matching nothing, says so over the empty list
 * and leads to the bot's destinations.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buyEsim } from "./support/purchase-flow.ts";
import { seedEsims } from "./support/seed-esims.ts";
import { startShop, type TestShop } from "./support/shop.ts";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

interface ArticleResult {
  id: string;
  title: string;
  description?: string;
  input_message_content: { message_text: string; parse_mode?: string; link_preview_options?: { is_disabled?: boolean } };
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; url?: string }>> };
}

describe("inline mode", () => {
  it("shows the user's own eSIMs with the right balances, filters by destination, and nothing of theirs to others", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "0" } });
    const ann = shop.emulator.user({ first_name: "Ann" });
    const japan = await buyEsim(shop, ann, "Japan");
    const france = await buyEsim(shop, ann, "France");
    await shop.sandbox.usage(japan.iccid, 300);

    const all = (await ann.inlineQuery("")) as unknown as ArticleResult[];
    expect(all.map((r) => r.title).sort()).toEqual(["🇫🇷 France: 1 GB of 1 GB left", "🇯🇵 Japan: 724 MB of 1 GB left"]);
    const japanCard = all.find((r) => r.title.includes("Japan"))!;
    expect(japanCard.description).toContain("Active");
    expect(japanCard.input_message_content.message_text).toContain(`ICCID …${japan.iccid.slice(-4)}`);
    expect(japanCard.input_message_content.message_text).toContain("724 MB of 1 GB left (300 MB used)");
    const franceCard = all.find((r) => r.title.includes("France"))!;
    expect(franceCard.description).toContain("Waiting for installation");
    expect(franceCard.input_message_content.message_text).toContain(`ICCID …${france.iccid.slice(-4)}`);
    const answer = shop.emulator.callsTo("answerInlineQuery").at(-1)!;
    expect(answer.params).toMatchObject({ is_personal: true, cache_time: 10 });
    // Each card: the ICCID's last digits, HTML without a link preview, a button to My eSIMs; no "open the bot" button over results.
    expect(japanCard.description).toContain(`…${japan.iccid.slice(-4)}`);
    expect(japanCard.input_message_content).toMatchObject({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect(japanCard.reply_markup!.inline_keyboard[0]![0]!.text).toBe("📱 Open My eSIMs");
    expect(answer.params).not.toHaveProperty("button");

    // A destination in another language, as a code or as a flag filters the list.
    for (const query of ["japan", "Япония", "JP", "🇯🇵"]) {
      const filtered = (await ann.inlineQuery(query)) as unknown as ArticleResult[];
      expect(filtered.map((r) => r.title), query).toEqual(["🇯🇵 Japan: 724 MB of 1 GB left"]);
    }

    // A query naming several destinations lists her eSIMs for any of them; spaces around a query do not count,
    // even so many that the query would be cut before the destination.
    const both = (await ann.inlineQuery("Japan and France")) as unknown as ArticleResult[];
    expect(both.map((r) => r.title).sort()).toEqual(["🇫🇷 France: 1 GB of 1 GB left", "🇯🇵 Japan: 724 MB of 1 GB left"]);
    const padded = (await ann.inlineQuery(`${" ".repeat(70)}France `)) as unknown as ArticleResult[];
    expect(padded.map((r) => r.title)).toEqual(["🇫🇷 France: 1 GB of 1 GB left"]);

    // Another user sees nothing of Ann's: an empty list with a button to open the bot…
    const bob = shop.emulator.user({ first_name: "Bob" });
    expect(await bob.inlineQuery("")).toEqual([]);
    expect(shop.emulator.callsTo("answerInlineQuery").at(-1)!.params).toMatchObject({
      is_personal: true,
      button: { text: "Open the bot", start_parameter: "mysims" },
    });
    // …and for a destination, plan cards that open the bot on the plan, none of them Ann's eSIM.
    const plans = (await bob.inlineQuery("Japan")) as unknown as ArticleResult[];
    expect(plans.length).toBeGreaterThan(1);
    for (const plan of plans) {
      expect(plan.id).toMatch(/^plan:/);
      expect(plan.title).toMatch(/^🇯🇵 Japan · /);
      expect(plan.input_message_content.message_text).not.toContain("ICCID");
      expect(plan.description).toMatch(/ · validity starts at first connection$/);
      expect(plan.input_message_content).toMatchObject({ parse_mode: "HTML", message_text: expect.stringContaining("<b>Japan eSIM</b>") });
      expect(plan.reply_markup!.inline_keyboard[0]![0]!.text).toBe("🛒 Buy in the bot");
      const link = plan.reply_markup!.inline_keyboard[0]![0]!.url!;
      expect(link).toBe(`https://t.me/${shop.emulator.botInfo.username}?start=plan_${plan.id.slice("plan:".length)}`);
    }

    // An eSIM for a destination no longer sold is found by its name.
    const cid = shop.emulator.user({ first_name: "Cid" });
    await seedEsims(shop, cid, [{ code: "CU", tail: "4001" }]);
    const cuba = (await cid.inlineQuery("Cuba")) as unknown as ArticleResult[];
    expect(cuba.map((r) => r.title)).toEqual(["🇨🇺 Cuba: 1 GB of 1 GB left"]);

    // Several destinations: their plans, ten at most.
    const several = (await bob.inlineQuery("Japan and France")) as unknown as ArticleResult[];
    expect(several).toHaveLength(10);
    expect(several[0]!.title).toMatch(/^🇯🇵 Japan · /);
    expect(several.at(-1)!.title).toMatch(/^🇫🇷 France · /);

    // The deep link opens the purchase on that plan.
    bob.send(`/start plan_${plans[0]!.id.slice("plan:".length)}`);
    await bob.waitForMessage("starts at first connection");
  });

  it("says a country is not sold (by flag, name or code) and that nothing is found, each with a way to the destinations", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "0" } });
    const bob = shop.emulator.user({ first_name: "Bob" });
    const lastAnswer = () => shop!.emulator.callsTo("answerInlineQuery").at(-1)!.params;

    // Cuba is not sold: no card to post by mistake, the button over the empty list says so.
    for (const query of ["🇨🇺", "Cuba", "CU", "Куба"]) {
      expect(await bob.inlineQuery(query), query).toEqual([]);
      expect(lastAnswer(), query).toMatchObject({
        is_personal: true,
        cache_time: 10,
        button: { text: "😔 No plans for Cuba yet · See destinations", start_parameter: "buy_CU" },
      });
    }
    // The button opens the bot's search on Cuba: the same words, then the destinations to pick from.
    bob.send("/start buy_CU");
    const cuba = await bob.waitForMessage("We have no plans for Cuba yet.");
    expect(cuba.content).toContain("Where are you travelling?");

    // A query naming nothing: the button says so and opens the destinations.
    expect(await bob.inlineQuery("xyzzy")).toEqual([]);
    expect(lastAnswer()).toMatchObject({
      is_personal: true,
      cache_time: 10,
      button: { text: "🔎 Nothing found · See destinations", start_parameter: "buy" },
    });
    bob.send("/start buy");
    const destinations = await bob.waitForMessage("Where are you travelling?");
    expect(destinations.content).not.toContain("Cuba");

    // In the traveller's language.
    const olga = shop.emulator.user({ first_name: "Olga", language_code: "ru" });
    await olga.inlineQuery("🇨🇺");
    expect(lastAnswer()).toMatchObject({ button: { text: "😔 Для страны Куба тарифов пока нет · Все направления", start_parameter: "buy_CU" } });
    const ana = shop.emulator.user({ first_name: "Ana", language_code: "es" });
    await ana.inlineQuery("xyzzy");
    expect(lastAnswer()).toMatchObject({ button: { text: "🔎 Sin resultados · Ver destinos", start_parameter: "buy" } });
  });
});
