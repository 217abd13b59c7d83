/**
 * The overview's figures are computed in the background when the shop starts
 * (the whole shop, as `npm start` builds it): the log says when they are
 * ready and the operator's first overview shows the seeded orders; when the
 * warm-up fails, the log says so, the shop runs on and the dashboard still
 * answers.
 */
import { afterEach, describe, expect, it } from "vitest";
import { seedSmallWeek } from "./support/dashboard-seed.ts";
import { DATABASES } from "./support/databases.ts";
import { startShop, type TestShop } from "./support/shop.ts";

const OPERATOR = 41;
const WARMED = "dashboard overview figures computed ahead";
const FAILED = "could not compute the dashboard overview ahead; the first overview will compute it";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** The log records of the last start (from the restart on). */
let sinceRestart = 0;
const lastStartLogs = () => shop!.logs.slice(sinceRestart);

async function restart(): Promise<void> {
  sinceRestart = shop!.logs.length;
  await shop!.restart();
}

/** Waits up to 30 s for a log record with `msg` since the restart. */
async function logged(msg: string): Promise<Record<string, unknown>> {
  await expect.poll(() => lastStartLogs().some((record) => record.msg === msg), { timeout: 30_000, interval: 50 }).toBe(true);
  return lastStartLogs().find((record) => record.msg === msg)!;
}

/** Signs in with the link the shop printed at its last start (as a browser would: the form's POST); returns the cookie. */
async function signIn(): Promise<string> {
  const link = /(http:\/\/\S+\/dashboard\/sign-in\?token=\S+)/.exec(shop!.announced.at(-1) ?? "")?.[1];
  if (!link) throw new Error(`no sign-in link printed: ${shop!.announced.join("\n")}`);
  const url = new URL(link);
  const response = await fetch(`${url.origin}/dashboard/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url.origin },
    body: new URLSearchParams({ token: url.searchParams.get("token")! }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return cookie;
}

describe.each(DATABASES)("the overview warmed at start on %s", (kind) => {
  it("logs when the figures are ready, and the first overview shows the seeded orders", async () => {
    shop = await startShop({ db: kind, env: { ADMIN_IDS: String(OPERATOR) } });
    const seed = await seedSmallWeek(shop.database.db.prisma, new Date());
    await restart();
    const ready = await logged(WARMED);
    expect(ready).toMatchObject({ level: 30, ms: expect.any(Number) });
    const page = await fetch(`${shop.app.dashboardUrl}/dashboard?days=7`, { headers: { cookie: await signIn() } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<dd id="total-delivered">${seed.delivered}</dd>`);
    expect(lastStartLogs().filter((record) => record.msg === FAILED)).toEqual([]);
  }, 90_000);
});

describe("a warm-up that fails", () => {
  it("is logged as a warning; the shop runs on and the dashboard answers", async () => {
    shop = await startShop({ db: "sqlite", env: { ADMIN_IDS: String(OPERATOR) } });
    // The overview's aggregates read this index by name on SQLite: without it every one of them fails.
    await shop.database.db.prisma.$executeRawUnsafe('DROP INDEX "Order_overview_idx"');
    await restart();
    const warning = await logged(FAILED);
    expect(warning).toMatchObject({ level: 40, err: { message: expect.stringContaining("Order_overview_idx") } });
    expect(lastStartLogs().some((record) => record.msg === WARMED)).toBe(false);
    const cookie = await signIn();
    const orders = await fetch(`${shop.app.dashboardUrl}/dashboard/orders`, { headers: { cookie } });
    expect(orders.status).toBe(200);
  }, 90_000);
});
