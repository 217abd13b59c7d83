/**
 * The orders table's pages as an operator walks them, on SQLite and
 * PostgreSQL: through the real dashboard app, following the Next links to
 * the end and the Previous links back, for every sort the table offers and
 * with filters, every matching order is seen exactly once and in the sort's
 * order — also when new orders arrive mid-walk (offset pages showed rows
 * twice then). An edited page link gets a 400 page with a way back to the
 * first page, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { OperatorAccess } from "../src/services/operator/access.ts";
import type { DashboardEnv } from "../src/web/context.ts";
import { signedInDashboard } from "./support/dashboard-app.ts";
import { insertOrders, type SeedOrder } from "./support/dashboard-seed.ts";
import { seedUsers } from "./support/seed-travellers.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

const OPERATOR = 77;
const BASE = Date.UTC(2026, 10, 20, 12);
const STATUSES = ["delivered", "refunded", "needs_operator", "delivered", "awaiting_payment"];
const DESTINATIONS = ["JP", "TH", "FR"];

/**
 * 230 orders with many ties: three share each creation minute, four prices,
 * five statuses, three destinations; every fifth is octopus's.
 */
function seededOrders(): SeedOrder[] {
  return Array.from({ length: 230 }, (_, i) => {
    const createdAt = new Date(BASE - Math.floor(i / 3) * 60_000);
    const status = STATUSES[i % STATUSES.length]!;
    const paidAt = status === "awaiting_payment" ? null : createdAt;
    return {
      id: `ord_k${String((i * 37) % 230).padStart(4, "0")}`,
      userId: 601 + (i % 3),
      destinationCode: DESTINATIONS[i % DESTINATIONS.length]!,
      status,
      amount: 100 + (i % 4) * 50,
      costUsdCents: 100,
      createdAt,
      paidAt,
      deliveredAt: status === "delivered" ? createdAt : null,
      provider: i % 5 === 0 ? "octopus" : "sandbox",
    };
  });
}

type Sort = "createdAt" | "amount" | "status" | "destinationCode";

/** The ids in the table's order: the sort column, then creation time, then id, all in the sort's direction. */
function expectedOrder(orders: SeedOrder[], by: Sort, dir: "asc" | "desc"): string[] {
  const sign = dir === "asc" ? 1 : -1;
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...orders]
    .sort((a, b) => sign * ((by === "createdAt" ? 0 : compare(a[by] as string | number, b[by] as string | number)) || compare(a.createdAt.getTime(), b.createdAt.getTime()) || compare(a.id, b.id)))
    .map((o) => o.id);
}

/** What the operator sees on one orders page. */
interface SeenPage {
  status: number;
  ids: string[];
  label: string;
  next: string | null;
  prev: string | null;
  html: string;
}

function attribute(html: string, rel: string): string | null {
  const href = new RegExp(`<a href="([^"]+)" rel="${rel}"`).exec(html)?.[1];
  return href === undefined ? null : href.replaceAll("&amp;", "&");
}

describe.each(DATABASES)("walking the orders table's pages on %s", (kind) => {
  let database: TestDatabase;
  let app: Hono<DashboardEnv>;
  let cookie: string;
  const orders = seededOrders();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedUsers(database.db.prisma, [601, 602, 603]);
    await insertOrders(database.db.prisma, orders);
    ({ app, cookie } = await signedInDashboard(database, OperatorAccess.of([OPERATOR]), OPERATOR));
  }, 60_000);
  afterAll(() => database.drop());

  async function open(path: string): Promise<SeenPage> {
    const response = await app.request(`http://127.0.0.1${path}`, { headers: { cookie } });
    const html = await response.text();
    return {
      status: response.status,
      ids: [...html.matchAll(/<td><a href="\/dashboard\/orders\/([^"]+)">/g)].map((m) => decodeURIComponent(m[1]!)),
      label: /Page [\d,]+ of [\d,]+/.exec(html)?.[0] ?? "",
      next: attribute(html, "next"),
      prev: attribute(html, "prev"),
      html,
    };
  }

  /** Next to the end, then Previous back to the first page; the pages seen each way. */
  async function walk(first: string): Promise<{ forward: SeenPage[]; back: SeenPage[] }> {
    const forward = [await open(first)];
    while (forward.at(-1)!.next) forward.push(await open(forward.at(-1)!.next!));
    const back = [forward.at(-1)!];
    while (back.at(-1)!.prev) back.push(await open(back.at(-1)!.prev!));
    return { forward, back: back.reverse() };
  }

  const sorts: Array<[Sort, "asc" | "desc"]> = [
    ["createdAt", "desc"],
    ["createdAt", "asc"],
    ["amount", "desc"],
    ["amount", "asc"],
    ["status", "asc"],
    ["status", "desc"],
    ["destinationCode", "asc"],
    ["destinationCode", "desc"],
  ];

  it.each(sorts)("sorted by %s %s, filtered to one provider: every order once, in order, forward and back", async (by, dir) => {
    const expected = expectedOrder(orders.filter((o) => o.provider === "sandbox"), by, dir);
    const { forward, back } = await walk(`/dashboard/orders?provider=sandbox&sort=${by}&dir=${dir}`);
    expect(forward.map((p) => p.status)).toEqual(forward.map(() => 200));
    expect(forward.flatMap((p) => p.ids)).toEqual(expected);
    expect(forward.map((p) => p.ids.length)).toEqual([50, 50, 50, 34]);
    expect(forward.map((p) => p.label)).toEqual(["Page 1 of 4", "Page 2 of 4", "Page 3 of 4", "Page 4 of 4"]);
    // Back with Previous: the same pages, the same numbers, and no Previous on the first.
    expect(back.map((p) => p.ids)).toEqual(forward.map((p) => p.ids));
    expect(back.map((p) => p.label)).toEqual(forward.map((p) => p.label));
    // Every link keeps the filter and the sort.
    for (const link of forward.flatMap((p) => [p.next, p.prev]).filter((l) => l !== null)) {
      expect(link).toContain("provider=sandbox");
      if (by !== "createdAt") expect(link).toContain(`sort=${by}`);
    }
  });

  it("with two filters and a date range, sorted by price: every match once", async () => {
    const from = new Date(BASE - 40 * 60_000).toISOString().slice(0, 10);
    const matching = orders.filter((o) => o.status === "delivered" && o.destinationCode === "JP" && o.createdAt >= new Date(`${from}T00:00:00Z`));
    const { forward, back } = await walk(`/dashboard/orders?status=delivered&destination=JP&from=${from}&sort=amount&dir=asc`);
    expect(forward.flatMap((p) => p.ids)).toEqual(expectedOrder(matching, "amount", "asc"));
    expect(back.flatMap((p) => p.ids)).toEqual(expectedOrder(matching, "amount", "asc"));
    expect(forward[0]!.html).toContain(`${matching.length} orders`);
  });

  it("shows no order twice when new orders arrive while the operator pages (newest first)", async () => {
    const expected = expectedOrder(orders, "createdAt", "desc");
    const seen = [await open("/dashboard/orders")];
    seen.push(await open(seen[0]!.next!));
    // Five orders are paid meanwhile: they go on top, before page 1's rows.
    const arriving = Array.from({ length: 5 }, (_, i) => ({ ...orders[0]!, id: `ord_new${i}`, createdAt: new Date(BASE + (i + 1) * 1_000) }));
    await insertOrders(database.db.prisma, arriving);
    try {
      while (seen.at(-1)!.next) seen.push(await open(seen.at(-1)!.next!));
      expect(seen.flatMap((p) => p.ids)).toEqual(expected);
      // Back from page 2: page 1 as it was, then the first page with the new orders on top.
      let page = await open(seen[1]!.prev!);
      expect(page.ids).toEqual(seen[0]!.ids);
      page = await open(page.prev!);
      expect(page.ids.slice(0, 5)).toEqual(arriving.map((o) => o.id).reverse());
      expect(page.prev).toBeNull();
      expect(page.label).toBe("Page 1 of 5");
    } finally {
      await database.db.prisma.order.deleteMany({ where: { id: { in: arriving.map((o) => o.id) } } });
    }
  });

  it("answers an edited page link with a 400 page that leads back to the first page, keeping the filters", async () => {
    const valid = (await open("/dashboard/orders?provider=sandbox&sort=amount")).next!;
    const cursor = new URL(valid, "http://x").searchParams.get("after")!;
    const edited = [
      "after=garbage",
      `after=${encodeURIComponent(cursor.split("~").slice(1).join("~"))}`, // a creation-time cursor on the price sort
      `after=${encodeURIComponent(`1e5~${cursor.split("~").slice(1).join("~")}`)}`,
      `after=${encodeURIComponent(`99999999999~${cursor.split("~").slice(1).join("~")}`)}`,
      `before=${encodeURIComponent("150~2026-13-45T00:00:00.000Z~ord_k0001")}`,
      `before=${encodeURIComponent("150~2026-11-20T12:00:00.000Z~ord k0001'--")}`,
      `after=${encodeURIComponent(cursor)}&before=${encodeURIComponent(cursor)}`,
    ];
    for (const query of edited) {
      const page = await open(`/dashboard/orders?provider=sandbox&sort=amount&${query}`);
      expect({ query, status: page.status }).toEqual({ query, status: 400 });
      expect(page.html).toContain("This page link does not work");
      expect(page.html).toContain('<a href="/dashboard/orders?provider=sandbox&amp;sort=amount">Go to the first page</a>');
    }
    // Made up but well formed: a position like any other, not an error.
    const madeUp = await open(`/dashboard/orders?provider=sandbox&sort=amount&dir=asc&after=${encodeURIComponent("175~2020-01-01T00:00:00.000Z~ord_zzz")}&page=2`);
    expect(madeUp.status).toBe(200);
    expect(madeUp.ids).toEqual(expectedOrder(orders.filter((o) => o.provider === "sandbox"), "amount", "asc").filter((id) => orders.find((o) => o.id === id)!.amount >= 200).slice(0, 50));
    // A page number alone (a bookmark from offset paging) is the first page.
    const bookmark = await open("/dashboard/orders?page=3");
    expect({ status: bookmark.status, label: bookmark.label, first: bookmark.ids[0] }).toEqual({ status: 200, label: "Page 1 of 5", first: expectedOrder(orders, "createdAt", "desc")[0] });
  });
});
