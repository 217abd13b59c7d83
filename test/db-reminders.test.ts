/**
 * The reminders' repository on SQLite and PostgreSQL: which eSIMs are due
 * (delivery window, trip date, not in use), each recorded once however often
 * it is asked, a new trip date re-arming the trip reminders, and trip dates
 * set only by the eSIM's owner.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RemindersRepository } from "../src/db/reminders-repository.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

const at = (iso: string): Date => new Date(iso);
const OWNER = 7_000_000_001;

describe.each(DATABASES)("reminders repository on %s", (kind) => {
  let testDb: TestDatabase;
  let repo: RemindersRepository;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    repo = new RemindersRepository(testDb.db.prisma);
    await testDb.db.prisma.user.create({ data: { id: BigInt(OWNER), firstName: "Ann" } });
  });
  afterEach(() => testDb.drop());

  /** An eSIM delivered at `deliveredAt`, in `status`, leaving on `tripDate`. */
  async function esim(id: string, deliveredAt: string, status = "issued", tripDate: Date | null = null): Promise<void> {
    const prisma = testDb.db.prisma;
    await prisma.order.create({
      data: {
        id: `ord_${id}`, userId: BigInt(OWNER), chatId: BigInt(OWNER), planId: "jp-1gb-7d", planName: "Japan 1 GB", destinationCode: "JP",
        dataMb: 1024, validityDays: 7, costUsdCents: 450, currency: "XTR", amount: 450, status: "delivered", languageCode: "en",
        deliveredAt: at(deliveredAt),
      },
    });
    await prisma.esim.create({
      data: {
        id, orderId: `ord_${id}`, userId: BigInt(OWNER), iccid: `89440000000000000${id.slice(-2)}`, providerOrderId: `up-${id}`,
        smdpAddress: "smdp.example.com", matchingId: `K-${id}`, status, destinationCode: "JP", planName: "Japan 1 GB", dataMb: 1024,
        usedMb: 0, validityDays: 7, tripDate,
      },
    });
  }

  const rows = () => testDb.db.prisma.notification.findMany({ orderBy: [{ esimId: "asc" }, { kind: "asc" }], select: { esimId: true, kind: true, period: true, status: true, payload: true } });

  it("install checks: deliveries inside the window, not in use, each once", async () => {
    await esim("esim_01", "2026-12-10T09:00:00Z"); // due
    await esim("esim_02", "2026-12-10T11:00:00Z"); // too recent
    await esim("esim_03", "2026-12-01T09:00:00Z"); // too old
    await esim("esim_04", "2026-12-10T09:00:00Z", "active"); // in use
    const now = at("2026-12-10T12:00:00Z");
    expect(await repo.recordInstallChecks(at("2026-12-07T10:00:00Z"), at("2026-12-10T10:00:00Z"), now)).toBe(1);
    expect(await repo.recordInstallChecks(at("2026-12-07T10:00:00Z"), at("2026-12-10T10:00:00Z"), now)).toBe(0);
    expect(await rows()).toEqual([
      { esimId: "esim_01", kind: "install_check", period: 0, status: "pending", payload: '{"dataMb":1024,"usedMb":0,"expiresAt":null}' },
    ]);
  });

  it("trip reminders: the eSIMs leaving that day, once per kind and date; a new date re-arms them", async () => {
    await esim("esim_11", "2026-12-01T09:00:00Z", "issued", at("2026-12-24T00:00:00Z"));
    await esim("esim_12", "2026-12-01T09:00:00Z", "issued", at("2026-12-25T00:00:00Z"));
    await esim("esim_13", "2026-12-01T09:00:00Z", "topped_up", at("2026-12-24T00:00:00Z"));
    const now = at("2026-12-23T10:00:00Z");
    expect(await repo.recordTripReminders("trip_eve", at("2026-12-24T00:00:00Z"), now)).toBe(1);
    expect(await repo.recordTripReminders("trip_eve", at("2026-12-24T00:00:00Z"), now)).toBe(0);
    expect(await repo.recordTripReminders("trip_day", at("2026-12-24T00:00:00Z"), now)).toBe(1);
    expect((await rows()).map((r) => [r.esimId, r.kind, r.period])).toEqual([
      ["esim_11", "trip_day", 20261224],
      ["esim_11", "trip_eve", 20261224],
    ]);

    // The traveller moves the trip: the reminders of the new date go out too.
    expect(await repo.setTripDate("esim_11", OWNER, at("2026-12-27T00:00:00Z"))).toBe(true);
    expect(await repo.recordTripReminders("trip_eve", at("2026-12-27T00:00:00Z"), at("2026-12-26T10:00:00Z"))).toBe(1);
    expect(await testDb.db.prisma.notification.count({ where: { esimId: "esim_11", kind: "trip_eve" } })).toBe(2);
  });

  it("trip dates are set and read by the eSIM's owner only", async () => {
    await esim("esim_21", "2026-12-01T09:00:00Z");
    expect(await repo.tripDate("esim_21", OWNER)).toBeNull();
    expect(await repo.setTripDate("esim_21", OWNER + 1, at("2026-12-24T00:00:00Z"))).toBe(false);
    expect(await repo.tripDate("esim_21", OWNER + 1)).toBeUndefined();
    expect(await repo.setTripDate("esim_21", OWNER, at("2026-12-24T00:00:00Z"))).toBe(true);
    expect(await repo.tripDate("esim_21", OWNER)).toEqual(at("2026-12-24T00:00:00Z"));
    expect(await repo.setTripDate("esim_21", OWNER, null)).toBe(true);
    expect(await repo.tripDate("esim_21", OWNER)).toBeNull();
    expect(await repo.setTripDate("esim_nope", OWNER, null)).toBe(false);
  });
});
