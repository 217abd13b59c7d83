/**
 * Handled webhook event ids (WebhookEventsRepository, WebhookEventIds) on both databases: one
 * claim per id however many instances try at once, a released claim can be
 * taken again, and old ids expire.
 */
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "../src/db/client.ts";
import { WebhookEventsRepository } from "../src/db/webhook-events-repository.ts";
import { HANDLED_EVENT_RETENTION_MS, WebhookEventIds } from "../src/services/webhook-event-ids.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

describe.each(DATABASES)("webhook event ids on %s", (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.drop());

  it("claims an id once; a released claim can be taken again", async () => {
    const events = new WebhookEventsRepository(testDb.db.prisma);
    const at = new Date("2026-12-10T12:00:00Z");
    expect(await events.claim("evt_1", at)).toBe(true);
    expect(await events.claim("evt_1", at)).toBe(false);
    expect(await events.claim("evt_2", at)).toBe(true);
    await events.release("evt_1");
    await events.release("evt_never_claimed");
    expect(await events.claim("evt_1", at)).toBe(true);
  });

  it("gives one id to exactly one of several instances claiming it at once", async () => {
    // Three clients on the same database, as three bot processes would be.
    const others = [1, 2].map(() => createDatabase(testDb.url, testDb.pgSchema ? { pgSchema: testDb.pgSchema } : {}));
    try {
      const repositories = [testDb.db, ...others].map((db) => new WebhookEventsRepository(db.prisma));
      const at = new Date();
      const results = await Promise.all(repositories.flatMap((repository) => [repository.claim("evt_race", at), repository.claim("evt_race", at)]));
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all(others.map((db) => db.close()));
    }
  });

  it("forgets ids older than a day when it claims a new one", async () => {
    const events = new WebhookEventsRepository(testDb.db.prisma);
    const now = new Date("2026-12-10T12:00:00Z");
    await events.claim("evt_old", new Date(now.getTime() - HANDLED_EVENT_RETENTION_MS - 60_000));
    await events.claim("evt_recent", new Date(now.getTime() - 60_000));
    const service = new WebhookEventIds({ store: events, now: () => now, log: pino({ level: "silent" }) });
    expect(await service.claim("evt_new")).toBe(true);
    const ids = (await testDb.db.prisma.webhookEvent.findMany({ orderBy: { id: "asc" } })).map((row) => row.id);
    expect(ids).toEqual(["evt_new", "evt_recent"]);
    // The old id may come again and is handled (its delivery would be refused by its timestamp long before).
    expect(await service.claim("evt_old")).toBe(true);
    expect(await service.claim("evt_recent")).toBe(false);
  });
});
