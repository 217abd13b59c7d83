/**
 * The operator side end to end, through the Bot API emulator: /admin only
 * for ADMIN_IDS (strangers get the normal answers and change nothing), a
 * broadcast composed, previewed exactly as travellers see it, sent to the
 * chosen audience with progress and a tally, audited; the opt-out button
 * and commands; an operator removed between menu and confirm is refused.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BROADCAST } from "../src/bot/callback-data.ts";
import { buttonLabels } from "./support/purchase-flow.ts";
import { seedTraveller } from "./support/seed-travellers.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { VisibleMessage } from "./support/telegram/chats.ts";
import type { TestUser } from "./support/telegram/user.ts";

const ADMIN = 777_001;
const BOLD = [{ type: "bold" as const, offset: 0, length: 11 }];

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

async function startAdminShop(): Promise<TestShop> {
  shop = await startShop({ env: { ADMIN_IDS: `${ADMIN},777002` } });
  return shop;
}

/** What a traveller sees of a message: text or caption, formatting, photo, buttons. */
function seen(message: VisibleMessage) {
  return {
    content: message.content,
    entities: message.entities,
    photo: message.message.photo?.at(-1)?.file_id,
    buttons: buttonLabels(message),
  };
}

/** /admin → Broadcast → the message → the audience panel; returns the preview and the panel. */
async function composeBroadcast(admin: TestUser, send: () => void): Promise<{ preview: VisibleMessage; panel: VisibleMessage }> {
  admin.send("/admin");
  await admin.waitForMessage("Shop admin");
  admin.press("📣 Broadcast");
  await admin.waitForMessage("New broadcast");
  const since = admin.mark();
  send();
  const panel = await admin.waitForMessage("exactly what travellers will see", { since });
  const preview = admin.messages().find((message) => message.message_id === panel.message_id - 1)!;
  return { preview, panel };
}

describe("the operator side", () => {
  it("gives a stranger probing /admin, operator buttons and the admin deep link only the normal answers, and changes nothing", async () => {
    const { emulator, database } = await startAdminShop();
    const stranger = emulator.user({ first_name: "Mallory" });

    stranger.send("/nonsense");
    const unknown = (await stranger.waitForMessage()).content;
    expect(unknown).toBe("I don't know that command. Try /buy, /mysims, /language or /help.");
    for (const probe of ["/admin", "/admin 12345", "/admin@esim_test_bot"]) {
      stranger.send(probe);
      expect((await stranger.waitForMessage()).content).toBe(unknown);
    }
    stranger.send("/start");
    const greeting = (await stranger.waitForMessage("Hi, Mallory")).content;
    stranger.send("/start admin");
    expect((await stranger.waitForMessage()).content).toBe(greeting);

    for (const forged of ["adm:m:broadcast", "adm:m:sales", BROADCAST.send, BROADCAST.audience({ kind: "all" }), BROADCAST.cancel]) {
      const answer = await stranger.waitForCallbackAnswer(stranger.pressData(forged));
      expect(answer.text).toBe("This button has expired. Send /buy to start again.");
    }
    stranger.send("Summer sale");
    // Typed text outside a conversation is a destination search, not a broadcast draft.
    expect((await stranger.waitForMessage()).content).toContain("I couldn't find “Summer sale”");

    const prisma = database.db.prisma;
    expect(await prisma.broadcast.count()).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(0);
    expect(stranger.messages().some((message) => message.content.includes("Shop admin") || message.content.includes("broadcast"))).toBe(false);
  });

  it("sends a broadcast previewed exactly as travellers get it to the audience chosen by its size, with progress, a tally and an audit entry", async () => {
    const { emulator, database } = await startAdminShop();
    const prisma = database.db.prisma;
    const now = new Date();
    const [ann, bob, cid, dan, eve] = [1, 2, 3, 4, 5].map((n) => emulator.user({ id: 500_000 + n, first_name: `T${n}` })) as [TestUser, TestUser, TestUser, TestUser, TestUser];
    await seedTraveller(prisma, now, ann.id, { language: "ru" });
    await seedTraveller(prisma, now, bob.id, { deliveredDaysAgo: 3 });
    await seedTraveller(prisma, now, cid.id, { deliveredDaysAgo: 40, orderLanguage: "es" });
    await seedTraveller(prisma, now, eve.id, { esim: "active" });
    dan.send("/stop_news"); // a traveller who opted out before
    await dan.waitForMessage("no more news from us");
    await seedTraveller(prisma, now, 500_009, { blocked: true, deliveredDaysAgo: 1 });

    const admin = emulator.user({ id: ADMIN, first_name: "Olga" });
    const { preview, panel } = await composeBroadcast(admin, () => admin.send("Summer sale: 20% off every eSIM", BOLD));
    expect(seen(preview)).toEqual({ content: "Summer sale: 20% off every eSIM", entities: BOLD, photo: undefined, buttons: ["🔕 Stop news"] });
    expect(buttonLabels(panel)).toEqual([
      "👥 Everyone · 4",
      "🛍 Bought in 7 days · 1",
      "🛍 Bought in 30 days · 1",
      "🛍 Bought in 90 days · 2",
      "📶 Active eSIM · 1",
      "✏️ Change the message",
      "✖️ Cancel",
    ]);

    admin.press("🛍 Bought in 90 days · 2");
    await admin.waitForEdit("Send the message above to 2 travellers who bought in the last 90 days?");
    admin.press("✅ Send now");
    await admin.waitForEdit("Sending to 2 travellers");
    const tally = await admin.waitForMessage("Broadcast finished\nSent: 2");
    expect(tally.content).toBe("✅ Broadcast finished\nSent: 2\nBlocked the bot: 0\nFailed: 0\nOpted out meanwhile: 0");
    expect(admin.messages().some((message) => message.content.startsWith("📣 Broadcast finished: 2 of 2"))).toBe(true);

    const got = (user: TestUser) => user.messages().filter((message) => message.content.startsWith("Summer sale"));
    expect(got(bob).map(seen)).toEqual([seen(preview)]);
    expect(got(cid).map(seen)).toEqual([{ ...seen(preview), buttons: ["🔕 No más noticias"] }]);
    for (const outside of [ann, dan, eve]) expect(got(outside)).toEqual([]);

    const audit = await prisma.auditEntry.findMany();
    expect(audit).toMatchObject([{ operatorId: BigInt(ADMIN), action: "broadcast.send", subjectKind: "broadcast", result: "ok" }]);
    expect(JSON.parse(audit[0]!.details)).toEqual({ audience: { kind: "recent-buyers", days: 90 }, recipients: 2, content: "text" });

    // Bob has had enough: the button under the broadcast opts him out.
    const stop = await bob.waitForCallbackAnswer(bob.press("🔕 Stop news"));
    expect(stop).toMatchObject({ text: expect.stringContaining("no more news from us"), show_alert: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: BigInt(bob.id) } })).newsOptOutAt).not.toBeNull();

    // A photo with a caption, to everyone left: Ann (Russian), Cid (Spanish) and Eve.
    const photo = await composeBroadcast(admin, () => admin.sendPhoto({ caption: "New: Japan 10 GB", captionEntities: [{ type: "italic", offset: 0, length: 3 }] }));
    expect(seen(photo.preview)).toMatchObject({ content: "New: Japan 10 GB", photo: expect.stringMatching(/^AgAC/), buttons: ["🔕 Stop news"] });
    admin.press("👥 Everyone · 3");
    await admin.waitForEdit("Send the message above to 3 travellers — everyone?");
    admin.press("✅ Send now");
    await admin.waitForMessage("Broadcast finished\nSent: 3");
    const photos = (user: TestUser) => user.messages().filter((message) => message.message.photo !== undefined);
    expect(photos(ann).map(seen)).toEqual([{ ...seen(photo.preview), buttons: ["🔕 Не присылать новости"] }]);
    expect(photos(eve).map(seen)).toEqual([seen(photo.preview)]);
    expect(photos(bob)).toEqual([]);
    expect(await prisma.auditEntry.count({ where: { action: "broadcast.send", result: "ok" } })).toBe(2);
  });

  it("sends a double-tapped Send once", async () => {
    const { emulator, database } = await startAdminShop();
    const travellers = [1, 2, 3].map((n) => emulator.user({ id: 600_000 + n }));
    for (const traveller of travellers) await seedTraveller(database.db.prisma, new Date(), traveller.id);
    const admin = emulator.user({ id: ADMIN });
    await composeBroadcast(admin, () => admin.send("Flash sale"));
    admin.press("👥 Everyone · 3");
    const confirm = await admin.waitForEdit("Send the message above to 3 travellers");
    const first = admin.pressData(BROADCAST.send, confirm.message_id);
    const second = admin.pressData(BROADCAST.send, confirm.message_id);
    await admin.waitForCallbackAnswer(first);
    expect((await admin.waitForCallbackAnswer(second)).text).toBe("This button has expired. Send /buy to start again.");
    await admin.waitForMessage("Broadcast finished\nSent: 3");
    for (const traveller of travellers) expect(traveller.messages().filter((m) => m.content === "Flash sale")).toHaveLength(1);
    expect(await database.db.prisma.broadcast.count()).toBe(1);
  });

  it("refuses the confirm of an operator removed from ADMIN_IDS after the menu was shown", async () => {
    const current = await startAdminShop();
    const traveller = current.emulator.user({ id: 600_100 });
    await seedTraveller(current.database.db.prisma, new Date(), traveller.id);
    const admin = current.emulator.user({ id: ADMIN });
    await composeBroadcast(admin, () => admin.send("Last chance"));
    admin.press("👥 Everyone · 1");
    await admin.waitForEdit("Send the message above to 1 traveller — everyone?");

    await current.restart({ ADMIN_IDS: "777002" });
    const answer = await admin.waitForCallbackAnswer(admin.press("✅ Send now"));
    expect(answer.text).toBe("This button has expired. Send /buy to start again.");
    admin.send("/admin");
    expect((await admin.waitForMessage()).content).toBe("I don't know that command. Try /buy, /mysims, /language or /help.");

    const prisma = current.database.db.prisma;
    expect(await prisma.broadcast.count()).toBe(0);
    expect(await prisma.broadcastDelivery.count()).toBe(0);
    expect(await prisma.auditEntry.count({ where: { result: "ok" } })).toBe(0);
    expect(traveller.messages()).toEqual([]);
  });

  it("lets a traveller stop and restart news with commands, and says so in /help", async () => {
    const { emulator, database } = await startAdminShop();
    const traveller = emulator.user({ first_name: "Ann" });
    const optOut = async () => (await database.db.prisma.user.findUnique({ where: { id: BigInt(traveller.id) } }))?.newsOptOutAt ?? null;

    traveller.send("/help");
    expect((await traveller.waitForMessage("How it works")).content).toContain("/stop_news — no more news from us (/start_news to get them again)");
    traveller.send("/start_news");
    await traveller.waitForMessage("You already get our news");
    traveller.send("/stop_news");
    await traveller.waitForMessage("🔕 Done: no more news from us");
    expect(await optOut()).not.toBeNull();
    traveller.send("/stop_news");
    await traveller.waitForMessage("You already get no news from us");
    traveller.send("/start_news");
    await traveller.waitForMessage("🔔 You will get our news and offers again");
    expect(await optOut()).toBeNull();
  });
});
