/**
 * `npm run reconcile` against a running shop (the Telegram emulator's Star
 * ledger, the shop's database, the sandbox provider): a clean period
 * reports no mismatch and exits 0; each disagreement is listed with its ids
 * and exits 1; a database that is not migrated is reported, left untouched,
 * and exits 2.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runReconcile } from "../src/cli/reconcile-run.ts";
import type { ReconcileReport } from "../src/services/reconcile-report.ts";
import { DATABASES } from "./support/databases.ts";
import { buyEsim, buyUpToInvoice } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** The environment the report runs with: the shop's own. */
function reportEnv(active: TestShop): Record<string, string> {
  const { database } = active;
  return {
    BOT_TOKEN: active.emulator.token,
    TELEGRAM_API_ROOT: active.emulator.apiRoot,
    DATABASE_URL: database.pgSchema ? `${database.url}?schema=${database.pgSchema}` : database.url,
    ESIM_PROVIDER: "sandbox",
    SANDBOX_PORT: new URL(active.app.sandboxUrl!).port,
  };
}

async function reconcile(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReconcile(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe.each(DATABASES)("npm run reconcile (%s)", (db) => {
  it("a clean period: every charge recorded, the refund at Telegram too, every order upstream; exit 0", async () => {
    shop = await startShop({ db });
    const user = shop.emulator.user();
    const { invoice } = await buyUpToInvoice(user);
    // Paid twice from two devices: one eSIM, one refund.
    await Promise.all([user.pay(invoice), user.pay(invoice)]);
    await user.waitForPhoto("Your eSIM is ready");
    await user.waitForMessage("You paid twice");
    // The order is settled right after the eSIM's messages are sent.
    const prisma = shop.database.db.prisma;
    await vi.waitFor(async () => expect(await prisma.order.count({ where: { status: "delivered" } })).toBe(1), { timeout: 5_000, interval: 20 });

    const table = await reconcile(reportEnv(shop));
    expect(table.err).toBe("");
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Telegram Stars\s+2 charges \(\d+ ⭐\), 1 refunds/);
    expect(table.out).toContain("No mismatches");

    const json = await reconcile(reportEnv(shop), "--json", "--days", "1");
    const report = JSON.parse(json.out) as ReconcileReport;
    expect(report).toMatchObject({
      telegram: { charges: 2, refunds: 1 },
      payments: { recorded: 2, byStatus: { captured: 1, refunded: 1 } },
      orders: { delivered: 1 },
      upstream: { checked: 1, found: 1, absent: 0, unknown: 0 },
      refunds: { done: 1 },
      mismatches: [],
    });
  });

  it("lists each mismatch with its ids and exits 1", async () => {
    shop = await startShop({ db });
    const user = shop.emulator.user();
    const delivered = await buyEsim(shop, user);
    // A payment whose update never arrived (the ledger is read again only in 10 minutes).
    await buyUpToInvoice(user);
    const lost = await user.pay({ deliverUpdate: false });
    if (!lost.ok) throw new Error(lost.errorMessage);
    // An order marked refunded although its eSIM exists upstream.
    await shop.database.db.prisma.order.update({ where: { id: delivered.orderId }, data: { status: "refunded" } });

    const table = await reconcile(reportEnv(shop));
    expect(table.code).toBe(1);
    expect(table.out).toContain("Mismatches (2):");
    expect(table.out).toMatch(new RegExp(`charge-without-payment\\s+${lost.chargeId}`));
    expect(table.out).toMatch(new RegExp(`upstream-order-not-delivered\\s+-\\s+-\\s+${delivered.orderId}`));

    const report = JSON.parse((await reconcile(reportEnv(shop), "--json")).out) as ReconcileReport;
    expect(report.mismatches.map((m) => [m.kind, m.chargeId ?? m.orderId])).toEqual([
      ["charge-without-payment", lost.chargeId],
      ["upstream-order-not-delivered", delivered.orderId],
    ]);
    // It only read: the lost payment is still unknown to the database.
    expect(await shop.database.db.prisma.payment.count({ where: { telegramChargeId: lost.chargeId } })).toBe(0);
  });
});

describe("npm run reconcile without a report to make", () => {
  const env = { BOT_TOKEN: "123456:ABCdefGHIjklMNOpqr", TELEGRAM_API_ROOT: "http://127.0.0.1:9" };

  it("refuses a database that is not migrated, and changes nothing; exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reconcile-"));
    try {
      const missing = join(dir, "missing.db");
      const gone = await reconcile({ ...env, DATABASE_URL: `file:${missing}` });
      expect(gone).toMatchObject({ code: 2, err: expect.stringContaining("does not exist") });
      expect(existsSync(missing)).toBe(false);

      const empty = join(dir, "empty.db");
      writeFileSync(empty, "");
      const unmigrated = await reconcile({ ...env, DATABASE_URL: `file:${empty}` });
      expect(unmigrated).toMatchObject({ code: 2, err: expect.stringContaining("not migrated") });
      expect(unmigrated.err).toContain("npm run db:migrate");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad arguments and configuration with one line each; exit 2", async () => {
    expect(await reconcile(env, "--days", "soon")).toMatchObject({ code: 2, err: expect.stringContaining("--days expects a positive number") });
    expect(await reconcile(env, "--verbose")).toMatchObject({ code: 2, err: expect.stringContaining("--verbose") });
    expect(await reconcile({})).toMatchObject({ code: 2, err: expect.stringMatching(/^BOT_TOKEN is required/) });
  });

  it("runs as npm run reconcile does and exits with its code", () => {
    const dir = mkdtempSync(join(tmpdir(), "reconcile-"));
    try {
      const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/reconcile.ts"], {
        env: { ...process.env, ...env, DATABASE_URL: `file:${join(dir, "none.db")}` },
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("does not exist");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
