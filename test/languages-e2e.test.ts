/**
 * Languages end to end: the bot speaks the user's Telegram language when it
 * has it, English otherwise, and /language changes it for good.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonLabels } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(async () => {
  await shop.close();
});

describe("languages", () => {
  it("greets in Russian and Spanish from Telegram's language, English otherwise", async () => {
    const cases: Array<[string, string]> = [
      ["ru", "Привет"],
      ["es-MX", "Hola"],
      ["de", "Hi"],
    ];
    for (const [language_code, greeting] of cases) {
      const user = shop.emulator.user({ first_name: "Kim", language_code });
      user.send("/start");
      await user.waitForMessage(`${greeting}, Kim`);
    }
  });

  it("names countries in the user's language and finds them typed in it", async () => {
    const user = shop.emulator.user({ language_code: "ru" });
    user.send("/buy");
    const panel = await user.waitForMessage((m) => buttonLabels(m).includes("🇯🇵 Япония"));
    expect(buttonLabels(panel)).toContain("🇯🇵 Япония");
    user.send("Германия");
    await user.waitForMessage("🇩🇪 Германия");
  });

  it("/language switches to Spanish and the choice sticks", async () => {
    const user = shop.emulator.user({ language_code: "en" });
    // The /start menu is built once per language: the English one exists before the switch.
    user.send("/start");
    expect(buttonLabels(await user.waitForMessage("Hi"))).toEqual(expect.arrayContaining(["🛒 Buy an eSIM", "🌐 Language", "🇯🇵 Japan"]));
    // So are the purchase's destination prompt and Japan's plan picker.
    user.send("/buy");
    expect(buttonLabels(await user.waitForMessage("Where are you travelling?"))).toContain("🇯🇵 Japan");
    user.press("🇯🇵 Japan");
    expect(buttonLabels(await user.waitForEdit("Choose a plan"))).toContain("🪜 Step by step: data, then days");
    user.send("/cancel");
    await user.waitForMessage();
    user.send("/language");
    await user.waitForMessage("Choose your language");
    user.press("🇪🇸 Español");
    await user.waitForEdit(/español/i);
    user.send("/start");
    const menu = await user.waitForMessage("Hola");
    expect(buttonLabels(menu)).toEqual(expect.arrayContaining(["🛒 Comprar una eSIM", "🌐 Idioma", "🇯🇵 Japón"]));
    user.send("/buy");
    const panel = await user.waitForMessage((m) => buttonLabels(m).some((label) => label.includes("Japón")));
    expect(buttonLabels(panel)).not.toContain("🇯🇵 Japan");
    user.press("🇯🇵 Japón");
    const picker = await user.waitForEdit((m) => buttonLabels(m).includes("🪜 Paso a paso: datos y luego días"));
    expect(picker.content).not.toContain("Choose a plan");
  });
});
