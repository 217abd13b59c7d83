/**
 * The operator's web dashboard in real headless Chromium (Debian's package,
 * driven by playwright-core) against the whole shop: sign in with the link
 * /dashboard sends, see the overview's charts drawn from seeded orders,
 * filter and export orders, refund an order with confirmation, and be
 * refused with an expired or reused link, a forged cookie, a missing CSRF
 * token and after removal from ADMIN_IDS. Screenshots: test-artifacts/dashboard/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, launchBrowser } from "./support/browser.ts";
import { seedSmallWeek, type SmallSeed } from "./support/dashboard-seed.ts";
import { buyUpToInvoice } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { TestUser } from "./support/telegram/user.ts";

const ADMIN = 778_001;
/** How long a poll waits for the page (a loaded CI machine can take seconds to navigate). */
const POLL = { timeout: 20_000 };
const SHOTS = artifactsDir("dashboard");

let shop: TestShop;
let browser: Browser;
let admin: TestUser;
let seed: SmallSeed;
/** Added to the shop's clock (links expire in 10 minutes). */
let clockOffsetMs = 0;

beforeAll(async () => {
  shop = await startShop({ env: { ADMIN_IDS: `${ADMIN}` }, now: () => new Date(Date.now() + clockOffsetMs) });
  seed = await seedSmallWeek(shop.database.db.prisma, new Date());
  // The seeded week is the shop's past: it exists when the shop starts (and computes the overview's days).
  await shop.restart();
  browser = await launchBrowser();
  admin = shop.emulator.user({ id: ADMIN, first_name: "Olga" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

/** What the page's charts hold and drew (Chart.js's own records of its drawn elements, and painted pixels). */
interface ChartProbe {
  revenue: number[];
  revenueBars: number[];
  delivered: number[];
  destinations: { labels: string[]; data: number[] };
  delivery: number[];
  deliveryBars: number[];
  painted: number[];
}

/** Runs in the page (a string: the tests are compiled without the DOM's types). */
const CHART_PROBE = `(() => {
  const chartOf = (id) => Chart.getChart(document.getElementById(id));
  const bars = (id) => chartOf(id).getDatasetMeta(0).data.map((bar) => Math.round(bar.height));
  const painted = (id) => {
    const canvas = document.getElementById(id);
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
    return count;
  };
  return {
    revenue: chartOf("chart-revenue").data.datasets[0].data,
    revenueBars: bars("chart-revenue"),
    delivered: chartOf("chart-outcomes").data.datasets.map((d) => d.data.reduce((a, b) => a + b, 0)),
    destinations: { labels: chartOf("chart-destinations").data.labels, data: chartOf("chart-destinations").data.datasets[0].data },
    delivery: chartOf("chart-delivery").data.datasets[0].data,
    deliveryBars: bars("chart-delivery"),
    painted: ["chart-revenue", "chart-outcomes", "chart-destinations", "chart-delivery"].map(painted),
  };
})()`;

/** /dashboard in the bot → the link in its answer. */
async function linkFromBot(): Promise<string> {
  const since = admin.mark();
  admin.send("/dashboard");
  const message = await admin.waitForMessage("Dashboard sign-in", { since });
  const url = /http:\S+\/dashboard\/sign-in\?token=[\w-]+/.exec(message.content)?.[0];
  if (!url) throw new Error(`no link in: ${message.content}`);
  return url;
}

/** Opens the link and presses Sign in; returns the page after the redirect. */
async function signIn(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
  return page;
}

describe("the operator's web dashboard in Chromium", { timeout: 90_000 }, () => {
  let context: BrowserContext;
  let page: Page;

  it("signs in with the link from /dashboard (HttpOnly, SameSite=Strict cookie) and draws the charts from the seeded orders", async () => {
    expect(shop.announced.join("\n")).toMatch(/sign in as operator 778001 within 10 minutes: http:\S+\/dashboard\/sign-in\?token=/);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await signIn(context, await linkFromBot());
    const cookie = (await context.cookies()).find((c) => c.name === "dash_session")!;
    expect({ httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, path: cookie.path }).toEqual({ httpOnly: true, sameSite: "Strict", path: "/dashboard" });

    await page.getByRole("link", { name: "7 days" }).click();
    await page.waitForSelector("body[data-charts=drawn]");
    const drawn = (await page.evaluate(CHART_PROBE)) as ChartProbe;
    expect(drawn.revenue).toEqual(seed.deliveredPerDay.map((n) => n * seed.amount));
    // Taller bars for busier days: 7 days ago (7 orders) down to today (1).
    expect(drawn.revenueBars.every((h, i) => i === 0 || h < drawn.revenueBars[i - 1]!)).toBe(true);
    expect(drawn.revenueBars.at(-1)).toBeGreaterThan(0);
    expect(drawn.delivered).toEqual([seed.delivered, seed.refunded, seed.attention]);
    expect(drawn.destinations).toEqual({ labels: ["JP", "TH"], data: [seed.byDestination.JP, seed.byDestination.TH] });
    // 5 s + 20 s per day ago: <10 s (1 order today), <30 s (2), <60 s (3), <2 min (4+5+6), <5 min (7).
    expect(drawn.delivery).toEqual([1, 2, 3, 15, 7, 0, 0, 0]);
    expect(drawn.deliveryBars.slice(0, 5).every((h) => h > 0)).toBe(true);
    for (const pixels of drawn.painted) expect(pixels).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SHOTS, "overview.png"), fullPage: true });

    // The language links: Russian and Spanish pages, remembered until changed.
    await page.getByRole("link", { name: "RU", exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent(), POLL).toBe("Обзор");
    await page.getByRole("link", { name: "Заказы", exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent(), POLL).toBe("Заказы");
    await page.getByRole("link", { name: "ES", exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent(), POLL).toBe("Pedidos");
    await page.getByRole("link", { name: "EN", exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent(), POLL).toBe("Orders");
    await page.goto(`${shop.app.dashboardUrl}/dashboard?days=7`);
  });

  it("filters the orders table, sorts it, opens an order and exports the filtered set as CSV", async () => {
    await page.getByRole("link", { name: "Orders", exact: true }).click();
    await expect.poll(() => page.locator("#orders-total").textContent(), POLL).toBe(`${seed.delivered + seed.refunded + seed.attention} orders`);
    await page.getByLabel("Status").selectOption("delivered");
    await page.getByLabel("Destination").selectOption("JP");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => page.locator("#orders-total").textContent(), POLL).toBe(`${seed.byDestination.JP} orders`);
    expect(page.url()).toContain("status=delivered");
    const statuses = await page.locator("#orders tbody td:nth-child(7)").allTextContents();
    expect(new Set(statuses)).toEqual(new Set(["Delivered"]));
    await page.getByRole("link", { name: "Price" }).click();
    await expect.poll(() => page.locator("th[aria-sort]").textContent(), POLL).toBe("Price");
    // Sorting keeps the filters.
    expect(page.url()).toContain("sort=amount");
    expect(page.url()).toContain("status=delivered");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, "orders-phone.png"), fullPage: true });
    // At phone width the page itself never scrolls sideways (the table scrolls in its box).
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8").trim().split("\r\n");
    expect(csv[0]).toMatch(/^order_id,created_at,user_id,destination/);
    expect(csv).toHaveLength(seed.byDestination.JP! + 1);
    expect(csv.slice(1).every((line) => line.includes(",JP,") && line.includes(",delivered,"))).toBe(true);

    await page.locator("#orders tbody a").first().click();
    await expect.poll(() => page.locator("#timeline li").count(), POLL).toBeGreaterThanOrEqual(3);
    expect(await page.locator("#order-status").textContent()).toBe("Delivered");
  });

  it("shows the eSIMs with their usage bars, the reconciliation report with its mismatches, and the broadcast history", async () => {
    const { prisma } = shop.database.db;
    await prisma.esim.createMany({
      data: [
        { id: "esim_low", orderId: "ord_d1_0", usedMb: 900, status: "active" },
        { id: "esim_ok", orderId: "ord_d1_1", usedMb: 100, status: "active" },
      ].map((e) => ({ ...e, userId: 501n, iccid: `8999${e.id}`, providerOrderId: `up_${e.id}`, smdpAddress: "rsp.example", matchingId: "M", destinationCode: "TH", planName: "TH 1 GB", dataMb: 1000, validityDays: 7 })),
    });
    await page.goto(`${shop.app.dashboardUrl}/dashboard/esims`);
    await page.getByRole("link", { name: "Low data" }).click();
    await expect.poll(() => page.locator("#esims-total").textContent(), POLL).toBe("1 eSIM");
    expect(await page.locator("#esims meter").getAttribute("value")).toBe("900");
    expect(await page.locator("#esims tbody tr td").first().textContent()).toBe("…im_low");

    // Delivered orders the sandbox never saw: the report lists each with its order.
    const report = await page.goto(`${shop.app.dashboardUrl}/dashboard/reconciliation?days=1`);
    expect(report?.status()).toBe(200);
    expect(await page.locator("#mismatches").textContent()).toMatch(/^Mismatches: [1-9]/);
    expect(await page.getByRole("link", { name: "ord_d0_0" }).count()).toBe(1);

    expect((await page.goto(`${shop.app.dashboardUrl}/dashboard/broadcasts`))?.status()).toBe(200);
    expect(await page.locator("main").textContent()).toContain("No broadcasts yet");
  });

  it("refunds a paid order after a confirmation, and the traveller gets their Stars back", async () => {
    const traveller = shop.emulator.user({ first_name: "Tom" });
    // Every order upstream fails: the paid order waits (its outcome unknown), a case for the operator.
    await shop.sandbox.faults({ orders: { fail_next: 1000, status: 500 } });
    const { invoice } = await buyUpToInvoice(traveller);
    expect((await traveller.pay()).ok).toBe(true);
    await traveller.waitForMessage("being prepared", { timeoutMs: 30_000 });
    const orderId = invoice.invoice!.payload;

    // While a delivery attempt runs the card offers no refund, or the shop answers "busy" (as in Telegram): the operator tries again.
    for (let attempt = 1; ; attempt++) {
      await page.goto(`${shop.app.dashboardUrl}/dashboard/orders/${orderId}`);
      const refund = page.getByRole("link", { name: "Refund" });
      if ((await refund.count()) === 0) {
        // A delivery attempt holds the order as the page is drawn: its card offers no refund until it lets go.
        expect(attempt).toBeLessThan(10);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      await refund.click();
      await expect.poll(() => page.locator("form.confirm p").first().textContent(), POLL).toMatch(/^Refund \d+ ⭐ of order/);
      if (attempt === 1) await page.screenshot({ path: join(SHOTS, "refund-confirm.png") });
      await page.getByRole("button", { name: "Confirm" }).click();
      const result = await page.locator("[role=status]").textContent();
      if (result === "The refund is on its way.") break;
      expect([attempt, result]).toEqual([attempt, "Delivery is working on this order right now; try again in a moment."]);
      expect(attempt).toBeLessThan(10);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await expect.poll(async () => shop.emulator.payments().find((p) => p.payload === orderId)?.refunded, { timeout: 30_000 }).toBe(true);
    await page.reload();
    await expect.poll(() => page.locator("#order-status").textContent(), { timeout: 30_000 }).toBe("Refunded");
    await shop.sandbox.faults({ orders: { fail_next: 0 } });
  });

  it("refuses a reused link, an expired link, a forged cookie and a form without its CSRF token", async () => {
    // The link printed at the (last) start.
    const started = shop.announced.map((line) => /http:\S+token=[\w-]+/.exec(line)?.[0]).filter(Boolean).at(-1)!;
    const stranger = await browser.newContext();
    const first = await signIn(stranger, started);
    await first.close();
    const reused = await stranger.newPage();
    await reused.goto(started);
    const reusedAnswer = reused.waitForResponse((r) => r.request().method() === "POST");
    await reused.getByRole("button", { name: "Sign in" }).click();
    expect((await reusedAnswer).status()).toBe(401);
    await expect.poll(() => reused.locator("[role=status]").textContent(), POLL).toContain("already used");

    const expiring = await linkFromBot();
    clockOffsetMs = 11 * 60_000;
    const late = await browser.newContext();
    const latePage = await late.newPage();
    await latePage.goto(expiring);
    await latePage.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => latePage.locator("[role=status]").textContent(), POLL).toContain("has expired");
    expect((await late.cookies()).find((c) => c.name === "dash_session")).toBeUndefined();
    clockOffsetMs = 0;

    const forged = await browser.newContext();
    const host = new URL(shop.app.dashboardUrl!).hostname;
    await forged.addCookies([{ name: "dash_session", value: "A".repeat(43), domain: host, path: "/dashboard" }]);
    const forgedPage = await forged.newPage();
    const forgedAnswer = await forgedPage.goto(`${shop.app.dashboardUrl}/dashboard/orders`);
    expect(forgedAnswer?.status()).toBe(401);
    expect(await forgedPage.locator("#orders").count()).toBe(0);

    // The sign-out form with its token removed: refused, and the session still works.
    await page.goto(`${shop.app.dashboardUrl}/dashboard`);
    await page.locator("form[action='/dashboard/sign-out'] input[name=_csrf]").evaluate((input) => (input as unknown as { remove(): void }).remove());
    const csrfAnswer = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign out" }).click();
    expect((await csrfAnswer).status()).toBe(403);
    await expect.poll(() => page.locator("[role=status]").textContent(), POLL).toContain("did not come from the dashboard");
    expect((await page.goto(`${shop.app.dashboardUrl}/dashboard/orders`))?.status()).toBe(200);
    await Promise.all([stranger.close(), late.close(), forged.close()]);
  });

  it("refuses an operator removed from ADMIN_IDS, on every page, with the session they had", async () => {
    await shop.restart({ ADMIN_IDS: "778999" });
    for (const path of ["/dashboard", "/dashboard/orders", "/dashboard/orders.csv", "/dashboard/esims", "/dashboard/broadcasts"]) {
      const answer = await page.goto(`${shop.app.dashboardUrl}${path}`);
      expect([path, answer?.status()]).toEqual([path, 403]);
    }
    expect(await page.locator("[role=status]").textContent()).toContain("Only the shop's operators");
    await context.close();
  });
});
