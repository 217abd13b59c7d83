/**
 * Balances as My eSIMs and inline mode get them, on SQLite and PostgreSQL:
 * a reading younger than the cache window is shown as is and one that old
 * is refreshed; an expired eSIM is never asked about; taps at once share one
 * refresh; a refresh that queued lifecycle messages has them sent now (and
 * only then); a page past the end shows the last page; someone else's eSIM
 * is nobody's business.
 */
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { EsimsRepository } from "../src/db/esims-repository.ts";
import type { EsimProvider, EsimUsage } from "../src/providers/port.ts";
import { BalanceService } from "../src/services/balance.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";
import { seedOrder } from "./support/seed-orders.ts";

const NOW = new Date("2026-12-03T15:00:00.000Z");
const CACHE_MS = 60_000;
const TRAVELLER = 950_001;

let database: TestDatabase;
afterEach(() => database.drop());

/** A shop with `count` delivered eSIMs of TRAVELLER (esim_ord_b0 the oldest) and a provider that reports `usedMb` and counts questions. */
async function shopWith(kind: (typeof DATABASES)[number], count: number) {
  database = await createTestDatabase(kind);
  const { prisma } = database.db;
  for (let n = 0; n < count; n++) {
    const at = new Date(NOW.getTime() - (count - n) * 3_600_000);
    await seedOrder(prisma, { id: `ord_b${n}`, userId: TRAVELLER, status: "delivered", createdAt: at, paidAt: at, deliveredAt: at, iccid: `894400000000000${1000 + n}` });
  }
  const asked: string[] = [];
  const provider = {
    usedMb: 300,
    getUsage: async (providerOrderId: string): Promise<EsimUsage> => {
      asked.push(providerOrderId);
      // A moment's latency, so that taps at once overlap.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { providerOrderId, status: "active", dataMb: 1024, usedMb: provider.usedMb, activatedAt: NOW, expiresAt: null };
    },
  };
  const world = { queued: 0, sentNow: 0 };
  const balance = new BalanceService({
    esims: new EsimsRepository(prisma),
    provider: provider as unknown as EsimProvider,
    readings: {
      applyReading: async (esimId, reading) => {
        await prisma.esim.update({ where: { id: esimId }, data: { usedMb: reading.usedMb, status: reading.status, lastPolledAt: NOW } });
        return world.queued;
      },
    },
    onNotificationsQueued: () => void world.sentNow++,
    cacheMs: CACHE_MS,
    log: pino({ level: "silent" }),
    now: () => NOW,
  });
  const polledAgo = (esimId: string, ms: number) => prisma.esim.update({ where: { id: esimId }, data: { lastPolledAt: new Date(NOW.getTime() - ms) } });
  return { prisma, balance, asked, provider, world, polledAgo };
}

describe.each(DATABASES)("balances on %s", (kind) => {
  it("shows a reading younger than the cache window as is, refreshes one that old, and never asks about an expired eSIM", async () => {
    const { prisma, balance, asked, polledAgo } = await shopWith(kind, 2);
    await polledAgo("esim_ord_b0", CACHE_MS - 1);
    expect((await balance.one(TRAVELLER, "esim_ord_b0"))!.usedMb).toBe(0);
    expect(asked).toEqual([]);
    await polledAgo("esim_ord_b0", CACHE_MS);
    expect((await balance.one(TRAVELLER, "esim_ord_b0"))!.usedMb).toBe(300);
    expect(asked).toEqual(["up_ord_b0"]);

    await prisma.esim.update({ where: { id: "esim_ord_b1" }, data: { status: "expired", lastPolledAt: null } });
    expect(await balance.one(TRAVELLER, "esim_ord_b1")).toMatchObject({ status: "expired", usedMb: 0 });
    expect(asked).toEqual(["up_ord_b0"]);
    expect(await balance.one(TRAVELLER + 1, "esim_ord_b0")).toBeNull();
  });

  it("lets taps at once share one refresh, and sends queued lifecycle messages now only when a refresh queued some", async () => {
    const { balance, asked, world, provider, polledAgo } = await shopWith(kind, 1);
    const taps = await Promise.all([balance.one(TRAVELLER, "esim_ord_b0"), balance.one(TRAVELLER, "esim_ord_b0"), balance.one(TRAVELLER, "esim_ord_b0")]);
    expect(taps.map((esim) => esim!.usedMb)).toEqual([300, 300, 300]);
    expect(asked).toHaveLength(1);
    expect(world.sentNow).toBe(0);

    // The next refresh (its reading now too old) crosses low data: its message goes out now.
    await polledAgo("esim_ord_b0", CACHE_MS);
    provider.usedMb = 900;
    world.queued = 1;
    expect((await balance.one(TRAVELLER, "esim_ord_b0"))!.usedMb).toBe(900);
    expect(world.sentNow).toBe(1);
  });

  it("shows the last page for a page past the end", async () => {
    const { balance } = await shopWith(kind, 5);
    const ids = (page: { esims: { id: string }[] }) => page.esims.map((esim) => esim.id);
    const last = await balance.page(TRAVELLER, 7, 2);
    expect({ ids: ids(last), page: last.page, pages: last.pages, total: last.total }).toEqual({ ids: ["esim_ord_b0"], page: 2, pages: 3, total: 5 });
    const middle = await balance.page(TRAVELLER, 1, 2);
    expect({ ids: ids(middle), page: middle.page }).toEqual({ ids: ["esim_ord_b2", "esim_ord_b1"], page: 1 });
  });
});
