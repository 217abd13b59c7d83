/**
 * The users' rows kept in memory by the polling process (src/db/users-repository.ts):
 * every change made through the repository is seen by the next update, an
 * update that changes nothing writes nothing, and in webhook mode (several
 * instances) nothing is kept, so one instance sees another's changes at once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { usersCache } from "../src/app.ts";
import { UsersRepository } from "../src/db/users-repository.ts";
import { LanguagePreferences } from "../src/services/languages.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

const POLLING = usersCache({ telegramWebhook: undefined });
const WEBHOOK = usersCache({ telegramWebhook: { url: "https://shop.example.com/telegram", secret: "s".repeat(32), path: "/telegram" } });
const ANN = { id: 7_000_000_001, firstName: "Ann" };

describe.each(DATABASES)("users cache on %s", (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.drop());

  const updatedAt = async () => (await testDb.db.prisma.user.findUniqueOrThrow({ where: { id: BigInt(ANN.id) } })).updatedAt.getTime();

  it("polling: a /start that changes nothing writes nothing; a new name is written", async () => {
    expect(POLLING.cachedUsers).toBeGreaterThan(0);
    const users = new UsersRepository(testDb.db.prisma, POLLING);
    await users.upsert(ANN);
    const first = await updatedAt();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await users.upsert(ANN);
    expect(await updatedAt()).toBe(first);
    await users.upsert({ ...ANN, firstName: "Anna" });
    const row = await testDb.db.prisma.user.findUniqueOrThrow({ where: { id: BigInt(ANN.id) } });
    expect(row.firstName).toBe("Anna");
  });

  it("polling: a changed @username is written, an unchanged one is not", async () => {
    const users = new UsersRepository(testDb.db.prisma, POLLING);
    await users.upsert({ ...ANN, username: "Ann_T" });
    const first = await updatedAt();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await users.upsert({ ...ANN, username: "ann_t" });
    await users.upsert(ANN);
    expect(await updatedAt()).toBe(first);
    await users.upsert({ ...ANN, username: "ann_travels" });
    const row = await testDb.db.prisma.user.findUniqueOrThrow({ where: { id: BigInt(ANN.id) } });
    expect(row.username).toBe("ann_travels");
    await users.upsert({ ...ANN, username: null });
    expect((await testDb.db.prisma.user.findUniqueOrThrow({ where: { id: BigInt(ANN.id) } })).username).toBeNull();
  });

  it("polling: /language takes effect on the next update", async () => {
    const languages = new LanguagePreferences(new UsersRepository(testDb.db.prisma, POLLING));
    expect(await languages.resolve(ANN.id, "en")).toBe("en");
    await languages.choose(ANN, "ru");
    expect(await languages.resolve(ANN.id, "en")).toBe("ru");
    await languages.choose(ANN, "es");
    expect(await languages.resolve(ANN.id, "en")).toBe("es");
  });

  it("polling: a user found blocked by a background send is marked back when they write", async () => {
    const users = new UsersRepository(testDb.db.prisma, POLLING);
    await users.upsert(ANN);
    expect(await users.markReturned(ANN.id)).toBe(false);
    // The notification sender or the broadcast sender got a 403 meanwhile.
    await users.markBlocked(ANN.id, new Date());
    expect(await users.markReturned(ANN.id)).toBe(true);
    const row = await testDb.db.prisma.user.findUniqueOrThrow({ where: { id: BigInt(ANN.id) } });
    expect(row.blockedAt).toBeNull();
    expect(await users.markReturned(ANN.id)).toBe(false);
  });

  it("polling: a user with no row yet gets one, with their name, on /start", async () => {
    const users = new UsersRepository(testDb.db.prisma, POLLING);
    expect(await users.chosenLanguage(ANN.id)).toBeNull();
    expect(await users.markReturned(ANN.id)).toBe(false);
    await users.upsert(ANN);
    const row = await testDb.db.prisma.user.findUniqueOrThrow({ where: { id: BigInt(ANN.id) } });
    expect(row.firstName).toBe("Ann");
  });

  it("webhook mode: a second instance sees a language chosen and a block recorded on the first at once", async () => {
    expect(WEBHOOK.cachedUsers).toBeUndefined();
    const first = new UsersRepository(testDb.db.prisma, WEBHOOK);
    const second = new UsersRepository(testDb.db.prisma, WEBHOOK);
    const onFirst = new LanguagePreferences(first);
    const onSecond = new LanguagePreferences(second);
    await first.upsert(ANN);
    expect(await onSecond.resolve(ANN.id, "en")).toBe("en");
    await onFirst.choose(ANN, "ru");
    expect(await onSecond.resolve(ANN.id, "en")).toBe("ru");

    expect(await second.markReturned(ANN.id)).toBe(false);
    await first.markBlocked(ANN.id, new Date());
    expect(await second.markReturned(ANN.id)).toBe(true);
  });
});
