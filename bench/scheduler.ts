/**
 * One lifecycle cycle over N eSIMs against the sandbox with upstream latency:
 * eSIMs per second, cycle time and its ratio to the floor
 * (N × latency ÷ concurrency), and peak memory.
 *
 * Run: npm run bench:scheduler [-- --sizes 10000,100000 --latency 50 --concurrency 64 --upstream both]
 * Upstream "sandbox": the sandbox over HTTP in a child process (the whole
 * system on this machine's cores); "latency": an in-process provider that
 * only waits `latency` ms (the scheduler's own overhead). The shop's
 * database is SQLite.
 * "peak heap+" is the highest heap above the baseline during the cycle
 * (garbage included); "retained" is what is left after a full GC.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { pino } from "pino";
import { request } from "undici";
import { createDatabase } from "../src/db/client.ts";
import { LifecycleRepository } from "../src/db/lifecycle-repository.ts";
import { GenericApiProvider } from "../src/providers/giapi/client.ts";
import type { EsimProvider, EsimUsage } from "../src/providers/port.ts";
import { LifecycleService } from "../src/services/lifecycle.ts";

const args = new Map(process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith("--") ? [[arg.slice(2), all[i + 1] ?? ""]] : [])));
const sizes = (args.get("sizes") ?? "10000,100000").split(",").map(Number);
const latencyMs = Number(args.get("latency") ?? 50);
const concurrency = Number(args.get("concurrency") ?? 64);
const upstreams = (args.get("upstream") ?? "both") === "both" ? ["sandbox", "latency"] : [args.get("upstream")!];

/** A provider that answers every status read after `latencyMs`, as an idle upstream would. */
function latencyOnlyProvider(): EsimProvider {
  return {
    getUsage: async (providerOrderId: string): Promise<EsimUsage> => {
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      return { providerOrderId, status: "issued", dataMb: 1024, usedMb: 0, activatedAt: null, expiresAt: null };
    },
  } as EsimProvider;
}

/** Seeds in a child process, so its garbage never counts against the cycle's memory. */
async function seed(dir: string, n: number) {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "support", "seed-esims.ts"), dir, String(n)], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const [code] = (await once(child, "exit")) as [number];
  if (code !== 0) throw new Error(`seeding failed (exit ${code})`);
  return createDatabase(`file:${join(dir, "shop.db")}`);
}

async function startSandbox(dir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "support", "sandbox-process.ts"), join(dir, "sandbox.db")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return { url: line.trim(), stop: () => child.kill("SIGTERM") };
}

console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}); latency ${latencyMs} ms, concurrency ${concurrency}`);
console.log("upstream  N        cycle      floor      ratio   eSIMs/s   peak RSS   peak heap+   retained");
for (const upstream of upstreams) for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), "bench-scheduler-"));
  const db = await seed(dir, n);
  const sandbox = upstream === "sandbox" ? await startSandbox(dir) : undefined;
  if (sandbox) {
    await request(`${sandbox.url}/sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ latency_ms: latencyMs }) }).then((r) => r.body.dump());
  }
  const http = sandbox ? new GenericApiProvider({ baseUrl: sandbox.url, apiKey: "bench" }) : undefined;
  const provider = http ?? latencyOnlyProvider();
  const lifecycle = new LifecycleService({
    repo: new LifecycleRepository(db.prisma, "sqlite"),
    provider,
    policy: { lowDataPercent: 20, expiryWarningHours: 24 },
    log: pino({ level: "warn" }),
    now: () => new Date(),
  });
  if (!global.gc) throw new Error("run with node --expose-gc (npm run bench:scheduler does)");
  global.gc();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const started = performance.now();
  const report = await lifecycle.runCycle({ concurrency, leaseMs: 10 * 60_000 });
  const ms = performance.now() - started;
  clearInterval(sampler);
  global.gc();
  const retained = process.memoryUsage().heapUsed - baseHeap;
  const floor = (n * latencyMs) / concurrency;
  if (report.polled !== n) console.log(`  (polled ${report.polled}, failed ${report.failed})`);
  console.log(
    `${upstream.padEnd(9)} ${String(n).padEnd(8)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${(floor / 1000).toFixed(1).padStart(6)} s  ${(ms / floor).toFixed(2).padStart(6)}  ${Math.round((n / ms) * 1000).toString().padStart(8)}  ${(peakRss / 2 ** 20).toFixed(0).padStart(6)} MB  ${((peakHeap - baseHeap) / 2 ** 20).toFixed(0).padStart(6)} MB  ${(retained / 2 ** 20).toFixed(1).padStart(7)} MB`,
  );
  await http?.close();
  await db.close();
  sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
}
