/**
 * The catalog against an upstream that goes down and comes back: the last
 * good catalog stays in use, the outage is logged once, nothing is cached
 * from a failed refresh.
 */
import { describe, expect, it } from "vitest";
import { ProviderUnavailableError } from "../src/providers/errors.ts";
import type { EsimProvider, Plan } from "../src/providers/port.ts";
import { CatalogRefresher } from "../src/scheduler/catalog-refresh.ts";
import { CatalogService } from "../src/services/catalog.ts";
import type { Logger } from "../src/services/logger.ts";

function plan(id: string, costUsdCents: number): Plan {
  return { id, name: id, destination: { kind: "country", code: "JP" }, coverage: ["JP"], dataMb: 1024, validityDays: 7, costUsdCents };
}

function recordingLog() {
  const lines: Array<{ level: string; msg: string }> = [];
  const log: Logger = {
    info: (_o, msg) => void lines.push({ level: "info", msg: msg ?? "" }),
    warn: (_o, msg) => void lines.push({ level: "warn", msg: msg ?? "" }),
    error: (_o, msg) => void lines.push({ level: "error", msg: msg ?? "" }),
    debug: () => undefined,
    child: () => log,
  };
  return { log, lines };
}

describe("catalog refresh", () => {
  it("keeps the last good catalog through an outage, logs it once, and recovers", async () => {
    let answer: () => Promise<Plan[]> = async () => [plan("jp-1", 500)];
    const provider = { listPlans: () => answer() } as unknown as EsimProvider;
    const { log, lines } = recordingLog();
    const catalog = new CatalogService(provider, { currency: "XTR", perUsd: 100, markupPercent: 0 }, log);
    let rebuilt = 0;
    const refresher = new CatalogRefresher(catalog, () => rebuilt++, log);

    expect(await refresher.refresh()).toBe(true);
    expect(catalog.plan("jp-1")?.price).toBe(500);

    answer = () => Promise.reject(new ProviderUnavailableError("down"));
    expect(await refresher.refresh()).toBe(false);
    expect(await refresher.refresh()).toBe(false);
    expect(catalog.plan("jp-1")?.price).toBe(500);
    expect(lines.filter((l) => l.level === "error")).toEqual([
      { level: "error", msg: "catalog refresh failed; keeping the last good catalog" },
    ]);

    answer = async () => [plan("jp-1", 700), plan("jp-2", 900)];
    expect(await refresher.refresh()).toBe(true);
    expect(catalog.size).toBe(2);
    expect(catalog.plan("jp-1")?.price).toBe(700);
    expect(rebuilt).toBe(2);
    expect(lines.at(-1)?.msg).toBe("catalog refresh recovered");
  });

  it("a malformed upstream answer replaces nothing", async () => {
    let answer: () => Promise<Plan[]> = async () => [plan("jp-1", 500)];
    const provider = { listPlans: () => answer() } as unknown as EsimProvider;
    const { log } = recordingLog();
    const catalog = new CatalogService(provider, { currency: "XTR", perUsd: 100, markupPercent: 0 }, log);
    const refresher = new CatalogRefresher(catalog, () => undefined, log);
    await refresher.refresh();
    answer = () => Promise.reject(new Error("GET /api/v1/esim/products: unexpected response"));
    await refresher.refresh();
    expect(catalog.destinations()).toEqual([{ kind: "country", code: "JP" }]);
    expect(catalog.plan("jp-1")?.price).toBe(500);
  });

  it("never starts a refresh while the last one is still running", async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const slowCatalog = {
      size: 1,
      refresh: async () => {
        calls++;
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 60));
        running--;
      },
    } as unknown as CatalogService;
    const refresher = new CatalogRefresher(slowCatalog, () => undefined, recordingLog().log);
    refresher.start(5, 5);
    await new Promise((resolve) => setTimeout(resolve, 400));
    refresher.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(most).toBe(1);
  });
});
