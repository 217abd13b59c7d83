/**
 * Three bot processes (the shop as `npm start` runs it) on one PostgreSQL
 * schema, started together on an empty schema (the migrations run once,
 * under the lock), in webhook mode behind a load balancer that spreads
 * Telegram's posts across them (round robin, then at random), with one
 * simulated provider. Travellers buy eSIMs at the same time; their updates
 * land on different instances. Half-way one instance is killed with
 * SIGKILL: the posts it was receiving are retried by Telegram on the
 * others, and the updates it was handling are taken over when their lease
 * runs out. Every conversation completes, every payment becomes exactly one
 * eSIM, delivered in full (a delivery the killed instance was sending may
 * show its message in flight twice, no more), and the queue ends with
 * nothing pending.
 *
 * WEBHOOK_E2E_TRAVELLERS sets the number of travellers (default 24; CI runs
 * 200 — `.ci/run`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { request } from "undici";
import { afterEach, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "../src/providers/fakes/giapi-sandbox/server.ts";
import { startBalancingProxy, type BalancingProxy } from "./support/balancing-proxy.ts";
import { createTestDatabase, queryRows, type TestDatabase } from "./support/databases.ts";
import { freePorts } from "./support/free-ports.ts";
import { purchaseToQr } from "./support/purchase-flow.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = join(ROOT, "test", "support", "shop-process.script.ts");
const TSX_LOADER = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
const TOKEN = "7000000016:AAE-test-token-for-webhook-instances";
const SECRET = "instances-webhook-secret-0123456789";
const API_KEY = "sandbox-key-for-instances-0123";
const TRAVELLERS = Number(process.env.WEBHOOK_E2E_TRAVELLERS ?? 24);
/**
 * How long one step may wait for its reply. The emulator posts webhook
 * updates one at a time (Telegram posts up to 40 at once), so a step's update
 * can queue behind one update of every other traveller (the summary prints
 * the longest queue), each a store round trip that takes up to ~300 ms on a
 * loaded 2-core machine; on top of that, a lease taken over after the kill.
 */
const STEP_MS = 60_000 + TRAVELLERS * 300;

let emulator: TelegramEmulator | undefined;
let database: TestDatabase | undefined;
let sandbox: SandboxServer | undefined;
let proxy: BalancingProxy | undefined;
let workDir: string | undefined;
const children: ChildProcess[] = [];
let killCheck: NodeJS.Timeout | undefined;

afterEach(async () => {
  // A run that failed before the kill must not leave the check polling a closed proxy.
  clearInterval(killCheck);
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await proxy?.close();
  await emulator?.close();
  await sandbox?.close();
  await database?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  emulator = database = sandbox = proxy = workDir = undefined;
});

/** Starts one instance; resolves once it serves the webhook. */
function startInstance(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const { PATH, HOME } = process.env;
  const child = spawn(process.execPath, ["--import", TSX_LOADER, SCRIPT], {
    cwd: workDir,
    env: { PATH, HOME, ...env, WEBHOOK_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  // WEBHOOK_E2E_LOGS=<dir> keeps each instance's log (warnings and errors) for a failure's post-mortem.
  const logDir = process.env.WEBHOOK_E2E_LOGS;
  if (logDir) child.stderr!.pipe(createWriteStream(join(logDir, `instance-${port}.log`)));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("started")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`instance on port ${port} exited (${code}) before starting:\n${stderr}`)));
  });
}

it(`three instances on one PostgreSQL serve ${TRAVELLERS} travellers through a load balancer, one killed half-way`, { timeout: 600_000 }, async () => {
  workDir = mkdtempSync(join(tmpdir(), "esim-instances-"));
  emulator = await startTelegramEmulator({ token: TOKEN });
  database = await createTestDatabase("postgresql", { migrate: false });
  sandbox = await startSandboxServer({ port: 0, dbPath: join(workDir, "sandbox.db"), apiKey: API_KEY });
  const ports = await freePorts(3);
  const backends = ports.map((port) => `http://127.0.0.1:${port}`);
  proxy = await startBalancingProxy(backends, "round-robin");
  const env = {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATABASE_URL: `${database.url}?schema=${database.pgSchema}`,
    ESIM_PROVIDER: "giapi",
    PROVIDER_BASE_URL: sandbox.url,
    PROVIDER_API_KEY: API_KEY,
    TELEGRAM_WEBHOOK_URL: `${proxy.url}/telegram`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    FULFILMENT_RETRY_SECONDS: "0.2",
    POLL_CRON: "0 0 1 1 *",
    // WEBHOOK_E2E_LOG_LEVEL=info (with WEBHOOK_E2E_LOGS) shows who handled and delivered what.
    LOG_LEVEL: process.env.WEBHOOK_E2E_LOG_LEVEL ?? "warn",
    TEST_MESSAGES_PER_SECOND: "1000",
    TEST_UPDATE_LEASE_MS: "3000",
    TEST_FULFILMENT_LEASE_MS: "5000",
  };
  // Started together on an empty schema: they queue on the migration lock, and one applies each migration.
  const instances = await Promise.all(ports.map((port) => startInstance(port, env)));
  const migrations = await queryRows(database.db, `SELECT migration_name FROM "${database.pgSchema}"._prisma_migrations`);
  expect(new Set(migrations.map((row) => row.migration_name)).size).toBe(migrations.length);

  // A wrong secret token is refused through the balancer, whichever instance gets it.
  for (let i = 0; i < 3; i++) {
    const forged = await request(`${proxy.url}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "not-the-secret-0123456789" },
      body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "/start" } }),
    });
    expect(forged.statusCode).toBe(401);
  }

  const travellers = Array.from({ length: TRAVELLERS }, (_, i) => emulator!.user({ first_name: `Traveller${i}`, language_code: "en" }));
  const victim = instances[1]!;
  // A purchase is 6 updates through the picker and 8 step by step (every other traveller): 7 on average.
  // The kill comes once about half of them were posted.
  const posted = () => [...proxy!.forwarded.values()].reduce((sum, n) => sum + n, 0);
  const killed = new Promise<void>((resolve) => {
    killCheck = setInterval(() => {
      if (posted() < TRAVELLERS * 3.5) return;
      clearInterval(killCheck);
      // Switch the balancer to random picks for the rest, then kill one instance mid-traffic.
      proxy!.setMode("random");
      victim.kill("SIGKILL");
      proxy!.remove(backends[1]!);
      resolve();
    }, 20);
  });
  // For the summary: the longest the emulator's webhook queue got, and how long purchases took.
  let backlog = 0;
  const sampler = setInterval(() => (backlog = Math.max(backlog, emulator!.pendingUpdates().length)), 50);
  // Staggered a little, so travellers are at different steps when the instance dies.
  const durations = await Promise.all(
    travellers.map(async (traveller, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 25));
      const started = Date.now();
      await purchaseToQr(traveller, { stepByStep: i % 2 === 1, timeoutMs: STEP_MS });
      return Date.now() - started;
    }),
  ).finally(() => clearInterval(sampler));
  await killed;
  expect(victim.signalCode).toBe("SIGKILL");

  // Every payment became exactly one upstream order and one QR, and nothing was refunded.
  const payments = emulator.payments();
  expect(payments).toHaveLength(TRAVELLERS);
  expect(payments.filter((payment) => payment.refunded)).toEqual([]);
  // An order is recorded as delivered after its last message.
  const orders = () => queryRows(database!.db, `SELECT "status", COUNT(*)::int AS n FROM "Order" GROUP BY "status"`);
  await expect.poll(orders, { timeout: 30_000, interval: 100 }).toEqual([{ status: "delivered", n: TRAVELLERS }]);
  const upstream = (await (await request(`${sandbox.url}/sandbox/orders`)).body.json()) as { orders: Array<{ external_order_id: string }> };
  expect(new Set(upstream.orders.map((order) => order.external_order_id)).size).toBe(TRAVELLERS);
  expect(upstream.orders).toHaveLength(TRAVELLERS);
  // Each delivery message is recorded as Telegram accepts it, so a delivery the killed instance was sending
  // is finished by another that sends only what is missing; the message in flight at the kill may show twice
  // (README, "What a crash can still do"): at most one repeated message per delivery, never a second eSIM.
  const delivery = (traveller: (typeof travellers)[number]) => {
    const messages = traveller.messages();
    return {
      qrs: messages.filter((message) => message.photo && message.content.includes("Your eSIM is ready")).length,
      details: messages.filter((message) => message.content.includes("Activation code")).length,
      questions: messages.filter((message) => message.content.includes("When do you leave?")).length,
      codes: new Set(messages.flatMap((message) => [...message.content.matchAll(/Activation code:\s*(\S+)/g)].map((match) => match[1]))).size,
    };
  };
  let repeated = 0;
  for (const traveller of travellers) {
    const seen = delivery(traveller);
    const chat = `chat ${traveller.chatId}: ${JSON.stringify(seen)}`;
    expect(seen.codes, `activation codes in ${chat}`).toBe(1);
    for (const count of [seen.qrs, seen.details, seen.questions]) expect(count, `messages of the delivery in ${chat}`).toBeGreaterThanOrEqual(1);
    const extra = seen.qrs + seen.details + seen.questions - 3;
    expect(extra, `repeated messages in ${chat}`).toBeLessThanOrEqual(1);
    repeated += extra;
  }
  // Updates landed on every instance; none is left pending or in processing.
  for (const backend of backends) expect(proxy.forwarded.get(backend)).toBeGreaterThan(0);
  const unfinished = () => queryRows(database!.db, `SELECT "updateId" FROM "InboundUpdate" WHERE "status" IN ('pending', 'processing')`);
  await expect.poll(unfinished, { timeout: 30_000, interval: 100 }).toEqual([]);
  const retaken = await queryRows(database.db, `SELECT COUNT(*)::int AS n FROM "InboundUpdate" WHERE "attempts" > 1`);
  durations.sort((a, b) => a - b);
  const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(1)} s`;
  console.log(
    `webhook instances: ${TRAVELLERS} travellers; posts per instance ${[...proxy.forwarded.values()].join("/")}, 502s ${proxy.failed}, ` +
      `updates taken over ${String(retaken[0]?.n)}; purchase median ${seconds(durations[durations.length >> 1])}, slowest ${seconds(durations.at(-1))}; ` +
      `longest webhook queue ${backlog}; messages repeated after the kill ${repeated}`,
  );
});
