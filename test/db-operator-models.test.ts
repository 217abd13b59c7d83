/**
 * The operator's models (Broadcast, BroadcastDelivery, AuditEntry) written and
 * read through Prisma on the hand-migrated databases: every field, the
 * defaults, the unique keys that make broadcasts and operator actions happen
 * once, and the relations.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

const OPERATOR_ID = 7_000_000_099n;
const USER_ID = 7_000_000_001n;
const at = (iso: string): Date => new Date(iso);

describe.each(DATABASES)("operator models on %s", (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.drop());

  const prisma = () => testDb.db.prisma;

  const broadcastData = {
    id: "bc_1",
    operatorId: OPERATOR_ID,
    operatorChatId: OPERATOR_ID,
    languageCode: "ru",
    content: JSON.stringify({ kind: "text", text: "Скидки 🎉", entities: [{ type: "bold", offset: 0, length: 6 }] }),
    audience: JSON.stringify({ kind: "recent-buyers", days: 30 }),
    recipients: 10_000,
    status: "sending",
    progressMessageId: 2_000_000_000,
    finishedAt: at("2026-12-10T10:05:00.001Z"),
    createdAt: at("2026-12-10T10:00:00.002Z"),
    updatedAt: at("2026-12-10T10:00:00.003Z"),
  };

  const deliveryData = {
    id: `bc_1:${USER_ID}`,
    broadcastId: "bc_1",
    userId: USER_ID,
    languageCode: "es",
    status: "sent",
    attempts: 2,
    nextAttemptAt: at("2026-12-10T10:00:01.004Z"),
    leaseUntil: at("2026-12-10T10:05:00.005Z"),
    sentAt: at("2026-12-10T10:00:02.006Z"),
    lastError: "429: retry after 1",
    createdAt: at("2026-12-10T10:00:00.007Z"),
    updatedAt: at("2026-12-10T10:00:00.008Z"),
  };

  it("User.newsOptOutAt is nullable and round-trips", async () => {
    const user = await prisma().user.create({ data: { id: USER_ID, firstName: "Ann" } });
    expect(user.newsOptOutAt).toBeNull();
    const optedOut = await prisma().user.update({ where: { id: USER_ID }, data: { newsOptOutAt: at("2026-12-01T00:00:00.123Z") } });
    expect(optedOut.newsOptOutAt).toEqual(at("2026-12-01T00:00:00.123Z"));
  });

  it("Broadcast: every field, nullable progress and finish, one row per id (P2002)", async () => {
    expect(await prisma().broadcast.create({ data: broadcastData })).toEqual(broadcastData);
    const minimal = await prisma().broadcast.create({
      data: { ...broadcastData, id: "bc_2", progressMessageId: null, finishedAt: null, createdAt: undefined, updatedAt: undefined },
    });
    expect(minimal).toMatchObject({ progressMessageId: null, finishedAt: null });
    await expect(prisma().broadcast.create({ data: broadcastData })).rejects.toMatchObject({ code: "P2002" });
    const sending = await prisma().broadcast.findMany({ where: { status: "sending" }, orderBy: { id: "asc" } });
    expect(sending.map((broadcast) => broadcast.id)).toEqual(["bc_1", "bc_2"]);
  });

  it("BroadcastDelivery: every field, defaults, unique per broadcast and user, relations", async () => {
    await prisma().user.create({ data: { id: USER_ID, firstName: "Ann" } });
    await prisma().broadcast.create({ data: broadcastData });
    expect(await prisma().broadcastDelivery.create({ data: deliveryData })).toEqual(deliveryData);

    const read = await prisma().broadcastDelivery.findUniqueOrThrow({
      where: { broadcastId_userId: { broadcastId: "bc_1", userId: USER_ID } },
      include: { broadcast: true, user: true },
    });
    expect(read.broadcast.id).toBe("bc_1");
    expect(read.user.id).toBe(USER_ID);

    const again = prisma().broadcastDelivery.create({ data: { ...deliveryData, id: "another-id" } });
    await expect(again).rejects.toMatchObject({ code: "P2002" });

    await prisma().broadcast.create({ data: { ...broadcastData, id: "bc_2" } });
    const minimal = await prisma().broadcastDelivery.create({
      data: { id: `bc_2:${USER_ID}`, broadcastId: "bc_2", userId: USER_ID, languageCode: "en", status: "pending", nextAttemptAt: deliveryData.nextAttemptAt },
    });
    expect(minimal).toMatchObject({ attempts: 0, leaseUntil: null, sentAt: null, lastError: null });

    const byUser = await prisma().user.findUniqueOrThrow({ where: { id: USER_ID }, include: { broadcastDeliveries: true } });
    expect(byUser.broadcastDeliveries.map((delivery) => delivery.broadcastId).sort()).toEqual(["bc_1", "bc_2"]);
  });

  it("BroadcastDelivery: refuses an unknown broadcast or user (foreign keys)", async () => {
    await prisma().user.create({ data: { id: USER_ID, firstName: "Ann" } });
    await expect(prisma().broadcastDelivery.create({ data: deliveryData })).rejects.toMatchObject({ code: "P2003" });
    await prisma().broadcast.create({ data: broadcastData });
    await expect(prisma().broadcastDelivery.create({ data: { ...deliveryData, userId: 42n } })).rejects.toMatchObject({ code: "P2003" });
  });

  it("AuditEntry: every field, an optional action key that is unique, many entries without one", async () => {
    const entry = {
      id: "aud_1",
      at: at("2026-12-10T10:00:00.009Z"),
      operatorId: OPERATOR_ID,
      action: "broadcast.send",
      subjectKind: "broadcast",
      subjectId: "bc_1",
      details: JSON.stringify({ recipients: 10_000 }),
      result: "ok",
      actionKey: "broadcast:bc_1",
    };
    expect(await prisma().auditEntry.create({ data: entry })).toEqual(entry);
    await expect(prisma().auditEntry.create({ data: { ...entry, id: "aud_2" } })).rejects.toMatchObject({ code: "P2002" });

    // Refusals and other entries without a key may repeat.
    await prisma().auditEntry.create({ data: { ...entry, id: "aud_3", result: "refused", actionKey: null } });
    await prisma().auditEntry.create({ data: { ...entry, id: "aud_4", result: "refused", actionKey: null } });
    const forSubject = await prisma().auditEntry.findMany({
      where: { subjectKind: "broadcast", subjectId: "bc_1" },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(forSubject.map((row) => [row.id, row.result])).toEqual([
      ["aud_1", "ok"],
      ["aud_3", "refused"],
      ["aud_4", "refused"],
    ]);
  });
});
