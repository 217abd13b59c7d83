/**
 * The dashboard's use cases on SQLite and PostgreSQL (the overview's SQL
 * differs per database): the overview equals a hand count of seeded orders,
 * the orders table filters, sorts, pages and exports them, the eSIMs filters
 * pick the right ones, sign-in links work once and for 10 minutes only (also
 * when two tabs race), sessions end with sign-out, expiry, /dashboard logout
 * and removal from ADMIN_IDS.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DashboardOrdersReads } from "../src/db/dashboard-orders-reads.ts";
import { DashboardOverviewReads } from "../src/db/dashboard-overview-reads.ts";
import { DashboardSessionsRepository } from "../src/db/dashboard-sessions-repository.ts";
import { OperatorAccess } from "../src/services/operator/access.ts";
import { DashboardAuth, hashToken } from "../src/services/operator/dashboard-auth.ts";
import { DashboardService, type OrdersPage } from "../src/services/operator/dashboard.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";
import { seedSmallWeek, type SmallSeed } from "./support/dashboard-seed.ts";
import { dashboardServiceDeps } from "./support/dashboard-app.ts";
import { seedOrder } from "./support/seed-orders.ts";

const OPERATOR = 41;
const log = pino({ level: "silent" });

describe.each(DATABASES)("the dashboard's use cases on %s", (kind) => {
  let database: TestDatabase;
  let seed: SmallSeed;
  const operators = [OPERATOR];
  let clock = new Date();
  const now = () => clock;
  const access = new OperatorAccess(() => operators);
  let service: DashboardService;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { prisma } = database.db;
    seed = await seedSmallWeek(prisma, new Date());
    await prisma.esim.createMany({
      data: [
        { id: "e1", orderId: "ord_d0_0", status: "active", usedMb: 900, dataMb: 1000, expiresAt: new Date(Date.now() + 30 * 86_400_000) },
        { id: "e2", orderId: "ord_d1_0", status: "active", usedMb: 100, dataMb: 1000, expiresAt: new Date(Date.now() + 3_600_000) },
        { id: "e3", orderId: "ord_d1_1", status: "issued", usedMb: 0, dataMb: 1000, expiresAt: null },
        { id: "e4", orderId: "ord_d2_0", status: "expired", usedMb: 1000, dataMb: 1000, expiresAt: new Date(Date.now() - 3_600_000) },
      ].map((e) => ({ ...e, userId: 501n, iccid: `8900${e.id}`, providerOrderId: `up_${e.id}`, smdpAddress: "rsp.example", matchingId: "M", destinationCode: "JP", planName: "JP 1 GB", validityDays: 7 })),
    });
    service = new DashboardService(serviceDeps());
  }, 60_000);
  afterAll(() => database.drop());

  const serviceDeps = () => dashboardServiceDeps(database, access);

  it("draws the overview from a hand count of the seeded orders", async () => {
    const overview = (await service.overview(OPERATOR, 7))!;
    expect(overview.revenue).toEqual(seed.deliveredPerDay.map((n) => n * 100));
    expect(overview.outcomes.delivered).toEqual(seed.deliveredPerDay);
    expect(overview.totals).toEqual({ revenue: 2800, marginUsd: Math.round((2800 / 77 - 28) * 100) / 100, delivered: 28, refunded: 3, attention: 2 });
    expect(overview.topDestinations).toEqual([{ code: "JP", orders: 16 }, { code: "TH", orders: 12 }]);
    expect(overview.deliveryTimes.map((bucket) => bucket.orders)).toEqual([1, 2, 3, 15, 7, 0, 0, 0]);
    expect(overview.labels).toHaveLength(7);
    expect(overview.labels.at(-1)).toBe(new Date().toISOString().slice(0, 10));
  });

  it("recomputes only the days whose orders changed, and shows a change on an earlier day", async () => {
    const { prisma, provider } = database.db;
    const reads = new DashboardOverviewReads(prisma, provider);
    const computed: string[] = [];
    const counting = Object.assign(Object.create(reads) as DashboardOverviewReads, {
      paidByDay: (from: Date, to: Date) => {
        computed.push(from.toISOString().slice(0, 10));
        return reads.paidByDay(from, to);
      },
    });
    // Two minutes on: the seed's writes are older than the overview's first look.
    let at = new Date(Date.now() + 120_000);
    const overviewOn = new DashboardService({ ...serviceDeps(), overview: counting, now: () => at });
    const first = (await overviewOn.overview(OPERATOR, 7))!;
    expect(first.totals.delivered).toBe(28);
    expect(computed).toHaveLength(1);
    await overviewOn.overview(OPERATOR, 7);
    expect(computed).toHaveLength(1);

    // An order paid 4 days ago is refunded now: days from then on are computed again, not the older ones.
    at = new Date(at.getTime() + 1_000);
    await prisma.order.update({ where: { id: "ord_d4_0" }, data: { status: "refunded", updatedAt: at } });
    const after = (await overviewOn.overview(OPERATOR, 7))!;
    expect(computed).toHaveLength(2);
    expect(computed[1]).toBe(first.labels[2]);
    expect(after.totals).toMatchObject({ delivered: 27, refunded: 4 });
    expect(after.outcomes.delivered).toEqual(seed.deliveredPerDay.map((n, i) => (i === 2 ? n - 1 : n)));
    expect(after.topDestinations).toEqual([{ code: "JP", orders: 15 }, { code: "TH", orders: 12 }]);

    // A longer period computes the days it lacks.
    expect((await overviewOn.overview(OPERATOR, 30))!.labels).toHaveLength(30);
    expect(computed).toHaveLength(3);
    await prisma.order.update({ where: { id: "ord_d4_0" }, data: { status: "delivered", updatedAt: new Date(at.getTime() + 1_000) } });
  });

  it("computes the overview's 90 days ahead (start-up), so the first overview only looks at what changed; a failed warm-up leaves the work to it", async () => {
    const { prisma, provider } = database.db;
    const reads = new DashboardOverviewReads(prisma, provider);
    const computed: Array<{ from: string; to: string }> = [];
    let failures = 0;
    const counting = Object.assign(Object.create(reads) as DashboardOverviewReads, {
      paidByDay: (from: Date, to: Date) => {
        computed.push({ from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) });
        if (failures > 0) return Promise.reject(new Error(`database unavailable (${failures--} more)`));
        return reads.paidByDay(from, to);
      },
    });
    // Ten minutes on: earlier tests' writes are older than the warm-up's look.
    const at = new Date(Date.now() + 600_000);
    const serviceOn = () => new DashboardService({ ...serviceDeps(), overview: counting, now: () => at });
    const expected = (await service.overview(OPERATOR, 90))!;

    // Warmed, in steps of 5 days back to 90 days ago; the overview then computes no day.
    const warmed = serviceOn();
    await warmed.warmUp();
    expect(computed).toHaveLength(18);
    expect(computed.at(-1)!.from).toBe(expected.labels[0]);
    expect(await warmed.overview(OPERATOR, 90)).toEqual(expected);
    expect(await warmed.overview(OPERATOR, 7)).toMatchObject({ totals: { delivered: 28, refunded: 3, attention: 2 } });
    expect(computed).toHaveLength(18);

    // An overview asked while the warm-up runs waits for it, which computes the rest in one go.
    computed.length = 0;
    const hurried = serviceOn();
    const warming = hurried.warmUp();
    expect(await hurried.overview(OPERATOR, 90)).toEqual(expected);
    await warming;
    expect(computed.map((range) => range.from)).toEqual([expected.labels[85], expected.labels[0]]);

    // The warm-up fails (the database is away): it rejects, and the first overview computes the days itself.
    computed.length = 0;
    failures = 1;
    const failed = serviceOn();
    await expect(failed.warmUp()).rejects.toThrow("database unavailable");
    expect(await failed.overview(OPERATOR, 90)).toEqual(expected);
    expect(computed).toHaveLength(2);
  });

  it("filters, sorts and pages orders, and exports exactly the filtered set", async () => {
    const all = (await service.orders(OPERATOR, { filter: {}, sort: { by: "createdAt", dir: "desc" }, page: 1 }))!;
    expect(all.total).toBe(33);
    expect(all.rows.map((r) => r.createdAt.getTime())).toEqual([...all.rows.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
    const fr = (await service.orders(OPERATOR, { filter: { destinationCode: "FR", status: "refunded" }, sort: { by: "status", dir: "asc" }, page: 1 }))!;
    expect(fr.rows.map((r) => r.id).sort()).toEqual(["ord_r0", "ord_r1", "ord_r2"]);
    const octopus = (await service.orders(OPERATOR, { filter: { provider: "octopus" }, sort: { by: "amount", dir: "asc" }, page: 1 }))!;
    expect(octopus.rows.map((r) => r.status)).toEqual(["needs_operator", "needs_operator"]);
    const byUser = (await service.orders(OPERATOR, { filter: { userId: 502 }, sort: { by: "createdAt", dir: "desc" }, page: 1 }))!;
    expect(byUser.total).toBe(3);
    const today = new Date(new Date().toISOString().slice(0, 10));
    const recent = (await service.orders(OPERATOR, { filter: { from: today }, sort: { by: "createdAt", dir: "desc" }, page: 1 }))!;
    expect(recent.total).toBe(1);
    // A page number without a cursor is the first page; one page of 50 holds all 33.
    const numbered = (await service.orders(OPERATOR, { filter: {}, sort: { by: "createdAt", dir: "desc" }, page: 2 }))!;
    expect({ rows: numbered.rows.length, page: numbered.page, pages: numbered.pages, previous: numbered.previous, next: numbered.next }).toEqual({ rows: 33, page: 1, pages: 1, previous: null, next: null });

    const exported: string[] = [];
    for await (const batch of service.exportOrders(OPERATOR, { status: "delivered" })!) exported.push(...batch.map((r) => r.id));
    expect(exported).toHaveLength(28);
    expect(new Set(exported).size).toBe(28);
    expect(await service.orderChoices(OPERATOR)).toEqual({ destinations: ["FR", "JP", "TH"], providers: ["octopus", "sandbox"] });
  });

  it("keyset-exports every order across batches, none twice", async () => {
    const reads = new DashboardOrdersReads(database.db.prisma);
    const ids: string[] = [];
    for await (const batch of reads.all({}, 4)) ids.push(...batch.map((r) => r.id));
    expect(ids).toHaveLength(33);
    expect(new Set(ids).size).toBe(33);
  });

  it("filters eSIMs: active, low on data (LOW_DATA_PERCENT), expiring within EXPIRY_WARNING_HOURS", async () => {
    const ids = async (filter: "all" | "active" | "low-data" | "expiring") => (await service.esims(OPERATOR, filter, 1))!.rows.map((r) => r.id).sort();
    expect(await ids("all")).toEqual(["e1", "e2", "e3", "e4"]);
    expect(await ids("active")).toEqual(["e1", "e2"]);
    expect(await ids("low-data")).toEqual(["e1"]);
    expect(await ids("expiring")).toEqual(["e2"]);
  });

  it("shows an operator the broadcast history (none sent in this shop)", async () => {
    expect(await service.broadcasts(OPERATOR)).toEqual([]);
  });

  it("reads nothing for someone not in ADMIN_IDS", async () => {
    expect(await service.overview(7, 7)).toBeNull();
    expect(await service.orders(7, { filter: {}, sort: { by: "createdAt", dir: "desc" }, page: 1 })).toBeNull();
    expect(service.exportOrders(7, {})).toBeNull();
    expect(await service.esims(7, "all", 1)).toBeNull();
    expect(await service.broadcasts(7)).toBeNull();
  });

  describe("sign-in and sessions", () => {
    const auth = () => new DashboardAuth({ repo: new DashboardSessionsRepository(database.db.prisma), access, sessionMs: 3_600_000, log, now });

    it("stores only hashes, and a link signs in once — also when two tabs race on it", async () => {
      const link = (await auth().issueLink(OPERATOR))!;
      const stored = await database.db.prisma.dashboardSignIn.findMany();
      expect(stored.map((row) => row.tokenHash)).toContain(hashToken(link.token));
      expect(JSON.stringify(stored, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(link.token);
      const [a, b] = await Promise.all([auth().signIn(link.token), auth().signIn(link.token)]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, reason: "used" });
      const session = [a, b].find((r) => r.ok)!;
      if (!session.ok) throw new Error("unreachable");
      expect(await database.db.prisma.dashboardSession.count({ where: { tokenHash: hashToken(session.sessionToken) } })).toBe(1);
      expect((await auth().authenticate(session.sessionToken)).ok).toBe(true);
      expect(await auth().authenticate("forged-token")).toEqual({ ok: false, reason: "no-session" });
    });

    it("refuses a link after 10 minutes and a session after it expires", async () => {
      const link = (await auth().issueLink(OPERATOR))!;
      const young = (await auth().issueLink(OPERATOR))!;
      const opened = await auth().signIn(young.token);
      clock = new Date(clock.getTime() + 10 * 60_000 + 1);
      expect(await auth().signIn(link.token)).toEqual({ ok: false, reason: "expired" });
      if (!opened.ok) throw new Error("should have signed in");
      clock = new Date(clock.getTime() + 3_600_000);
      expect(await auth().authenticate(opened.sessionToken)).toEqual({ ok: false, reason: "expired" });
      clock = new Date();
    });

    it("ends sessions with sign-out and /dashboard logout, and refuses them after removal from ADMIN_IDS", async () => {
      const open = async () => {
        const result = await auth().signIn((await auth().issueLink(OPERATOR))!.token);
        if (!result.ok) throw new Error("should have signed in");
        return result;
      };
      const one = await open();
      await auth().signOut(one.session);
      expect(await auth().authenticate(one.sessionToken)).toEqual({ ok: false, reason: "revoked" });
      const [two, three] = [await open(), await open()];
      expect(await auth().signOutEverywhere(OPERATOR)).toBeGreaterThanOrEqual(2);
      for (const s of [two, three]) expect(await auth().authenticate(s.sessionToken)).toEqual({ ok: false, reason: "revoked" });
      const four = await open();
      operators.length = 0;
      expect(await auth().authenticate(four.sessionToken)).toEqual({ ok: false, reason: "not-operator" });
      expect(await auth().issueLink(OPERATOR)).toBeNull();
      expect(await auth().signOutEverywhere(OPERATOR)).toBeNull();
      operators.push(OPERATOR);
      expect(auth().checkCsrf(four.session, four.session.csrfToken)).toBe(true);
      expect(auth().checkCsrf(four.session, undefined)).toBe(false);
      expect(auth().checkCsrf(four.session, `${four.session.csrfToken.slice(0, -1)}x`)).toBe(false);
    });

    it("refuses a link used after its operator left ADMIN_IDS, an unknown link, a session at its last moment and a CSRF token of another length", async () => {
      const link = (await auth().issueLink(OPERATOR))!;
      const sessions = await database.db.prisma.dashboardSession.count();
      operators.length = 0;
      expect(await auth().signIn(link.token)).toEqual({ ok: false, reason: "not-operator" });
      operators.push(OPERATOR);
      expect(await database.db.prisma.dashboardSession.count()).toBe(sessions);
      expect(await auth().signIn("a-link-nobody-issued")).toEqual({ ok: false, reason: "unknown" });

      const opened = await auth().signIn((await auth().issueLink(OPERATOR))!.token);
      if (!opened.ok) throw new Error("should have signed in");
      expect(opened.expiresAt).toEqual(new Date(clock.getTime() + 3_600_000));
      const start = clock;
      clock = new Date(start.getTime() + 3_600_000 - 1);
      expect((await auth().authenticate(opened.sessionToken)).ok).toBe(true);
      clock = new Date(start.getTime() + 3_600_000);
      expect(await auth().authenticate(opened.sessionToken)).toEqual({ ok: false, reason: "expired" });
      expect(auth().checkCsrf(opened.session, opened.session.csrfToken.slice(0, -1))).toBe(false);
      clock = new Date();
    });

    it("forgets links and sessions a day after they ended, not before", async () => {
      const start = clock;
      const link = (await auth().issueLink(OPERATOR))!;
      const opened = await auth().signIn((await auth().issueLink(OPERATOR))!.token);
      if (!opened.ok) throw new Error("should have signed in");
      const stored = async () => ({
        link: await database.db.prisma.dashboardSignIn.count({ where: { tokenHash: hashToken(link.token) } }),
        session: await database.db.prisma.dashboardSession.count({ where: { tokenHash: hashToken(opened.sessionToken) } }),
      });
      const DAY = 86_400_000;
      clock = new Date(start.getTime() + 3_600_000 + DAY - 1_000);
      expect(await auth().prune()).toBeGreaterThan(0);
      expect(await stored()).toEqual({ link: 0, session: 1 });
      clock = new Date(start.getTime() + 3_600_000 + DAY + 1_000);
      expect(await auth().prune()).toBeGreaterThan(0);
      expect(await stored()).toEqual({ link: 0, session: 0 });
      clock = new Date();
    });
  });
});

describe.each(DATABASES)("the dashboard's tables on %s", (kind) => {
  const NOW = new Date("2026-12-03T15:00:00.000Z");
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    for (let n = 0; n < 60; n++) {
      const at = new Date(NOW.getTime() - (n + 1) * 60_000);
      await seedOrder(database.db.prisma, { id: `ord_t${n}`, userId: 600 + (n % 3), status: "delivered", createdAt: at, paidAt: at, deliveredAt: at });
    }
  }, 60_000);
  afterAll(() => database.drop());

  function dashboard(orders: DashboardOrdersReads, now: () => Date): DashboardService {
    return new DashboardService({ ...dashboardServiceDeps(database, new OperatorAccess(() => [OPERATOR])), orders, now });
  }

  it("pages 60 orders and their eSIMs 50 to a page; a page number that is not one shows the first page", async () => {
    const service = dashboard(new DashboardOrdersReads(database.db.prisma), () => NOW);
    const newestFirst = { filter: {}, sort: { by: "createdAt", dir: "desc" } } as const;
    const summary = (result: OrdersPage | null) => ({ first: result!.rows[0]?.id, rows: result!.rows.length, page: result!.page, pages: result!.pages, total: result!.total });
    const first = await service.orders(OPERATOR, { ...newestFirst, page: 1 });
    expect(summary(first)).toEqual({ first: "ord_t0", rows: 50, page: 1, pages: 2, total: 60 });
    const second = await service.orders(OPERATOR, { ...newestFirst, page: 2, after: first!.next! });
    expect(summary(second)).toEqual({ first: "ord_t50", rows: 10, page: 2, pages: 2, total: 60 });
    expect(second!.next).toBeNull();
    // A page number alone (an old bookmark, nonsense) shows the first page.
    for (const nonsense of [2, 0, -3, 1.7]) expect(summary(await service.orders(OPERATOR, { ...newestFirst, page: nonsense }))).toEqual(summary(first));
    const esims = async (page: number) => {
      const result = (await service.esims(OPERATOR, "all", page))!;
      return { first: result.rows[0]?.id, rows: result.rows.length, page: result.page, pages: result.pages, total: result.total };
    };
    expect(await esims(1)).toEqual({ first: "esim_ord_t0", rows: 50, page: 1, pages: 2, total: 60 });
    expect(await esims(2)).toEqual({ first: "esim_ord_t50", rows: 10, page: 2, pages: 2, total: 60 });
    for (const nonsense of [0, -3, 1.7]) expect(await esims(nonsense)).toEqual({ first: "esim_ord_t0", rows: 50, page: 1, pages: 2, total: 60 });
  });

  it("shows the filters' choices at most a minute old, and reads them again after a failed read", async () => {
    const real = new DashboardOrdersReads(database.db.prisma);
    let reads = 0;
    let failNext = false;
    const counting = Object.assign(Object.create(real) as DashboardOrdersReads, {
      choices: async () => {
        reads++;
        if (failNext) {
          failNext = false;
          throw new Error("the database is unavailable");
        }
        return real.choices();
      },
    });
    let at = NOW;
    const service = dashboard(counting, () => at);
    expect(await service.orderChoices(OPERATOR)).toEqual({ destinations: ["JP"], providers: [] });
    await seedOrder(database.db.prisma, { id: "ord_fr", userId: 700, status: "delivered", destinationCode: "FR", createdAt: NOW, paidAt: NOW, deliveredAt: NOW, iccid: "8944000000000000700" });
    // A minute on, the choices shown are still the first read's…
    at = new Date(NOW.getTime() + 60_000);
    expect(await service.orderChoices(OPERATOR)).toEqual({ destinations: ["JP"], providers: [] });
    expect(reads).toBe(1);
    // …and past it, the new destination appears.
    at = new Date(NOW.getTime() + 60_001);
    expect(await service.orderChoices(OPERATOR)).toEqual({ destinations: ["FR", "JP"], providers: [] });
    expect(reads).toBe(2);

    failNext = true;
    at = new Date(at.getTime() + 60_001);
    await expect(service.orderChoices(OPERATOR)).rejects.toThrow("the database is unavailable");
    expect(await service.orderChoices(OPERATOR)).toEqual({ destinations: ["FR", "JP"], providers: [] });
    expect(reads).toBe(4);
  });
});
