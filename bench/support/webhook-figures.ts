/**
 * Webhook mode's figures for `npm run bench:updates`: the shop as `npm
 * start` runs it (src/main.ts), 1 and then 3 instances on one fresh
 * PostgreSQL schema behind a round-robin proxy (test/support/balancing-proxy.ts),
 * with one simulated provider. Measured per size: a /start burst (updates/s
 * from queueing the first update to the last reply) and whole purchases at
 * once (wall time, payment→QR included). The 3-instance figures are printed
 * as a ratio to the 1-instance ones of the same run.
 *
 * The emulator posts webhook updates one at a time (Telegram posts up to
 * `max_connections`, 40 by default, at once), so the burst is bounded by
 * the intake's round trip: store, answer 200.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandboxServer } from "../../src/providers/fakes/giapi-sandbox/server.ts";
import { startBalancingProxy } from "../../test/support/balancing-proxy.ts";
import { testPostgresUrl, withAdminClient } from "../../test/support/databases.ts";
import { purchaseToQr } from "../../test/support/purchase-flow.ts";
import { startTelegramEmulator, type TelegramEmulator } from "../../test/support/telegram/emulator.ts";
import type { TestUser } from "../../test/support/telegram/user.ts";
import type { BenchOptions } from "./options.ts";

const TOKEN = "7000000099:AAE-bench-token-for-webhook-mode";
const SECRET = "bench-webhook-secret-0123456789";
const API_KEY = "bench-sandbox-key-0123456789";

/** One size's figures. */
interface WebhookFigures {
  instances: number;
  startPerSecond: number;
  purchasesMs: number;
}

/** Runs 1 and 3 instances and returns the lines to print. */
export async function webhookFigures(options: BenchOptions): Promise<string[]> {
  const one = await measure(1, options);
  const three = await measure(3, options);
  const burst = Math.min(options.startUpdates, 1000);
  return [
    `webhook mode on PostgreSQL (emulator posts one update at a time; /start burst ${burst} from ${Math.min(options.chats, 250)} chats; ${options.concurrentPurchases} purchases at once):`,
    ...[one, three].map(
      (f) => `  ${f.instances} instance(s): /start burst ${f.startPerSecond.toFixed(0)} updates/s; ${options.concurrentPurchases} purchases at once ${f.purchasesMs.toFixed(0)} ms`,
    ),
    `  3 instances × 1 instance: /start burst ${(three.startPerSecond / one.startPerSecond).toFixed(2)}; purchases ${(one.purchasesMs / three.purchasesMs).toFixed(2)} (above 1: faster)`,
  ];
}

async function measure(instances: number, options: BenchOptions): Promise<WebhookFigures> {
  const dir = mkdtempSync(join(tmpdir(), "bench-webhook-"));
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await withAdminClient((client) => client.query(`CREATE SCHEMA "${schema}"`));
  const emulator = await startTelegramEmulator({ token: TOKEN });
  const sandbox = await startSandboxServer({ port: 0, dbPath: join(dir, "sandbox.db"), apiKey: API_KEY });
  const ports = await freePorts(instances);
  const proxy = await startBalancingProxy(ports.map((port) => `http://127.0.0.1:${port}`), "round-robin");
  const children: ChildProcess[] = [];
  try {
    const url = new URL(testPostgresUrl());
    url.searchParams.set("schema", schema);
    const env = {
      BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, DATABASE_URL: url.toString(), ESIM_PROVIDER: "giapi",
      PROVIDER_BASE_URL: sandbox.url, PROVIDER_API_KEY: API_KEY, TELEGRAM_WEBHOOK_URL: `${proxy.url}/telegram`,
      TELEGRAM_WEBHOOK_SECRET: SECRET, POLL_CRON: "0 0 1 1 *", LOG_LEVEL: options.logLevel,
    };
    for (const port of ports) children.push(spawnShop(dir, { ...env, WEBHOOK_PORT: String(port) }));
    await Promise.all(ports.map((port) => waitReady(port)));
    await waitFor(() => emulator.callsTo("setWebhook").length >= instances, 60_000);
    const startPerSecond = await startBurst(emulator, Math.min(options.startUpdates, 1000), Math.min(options.chats, 250), options.replyTimeoutMs);
    const purchasesMs = await purchases(emulator, options.concurrentPurchases, options.replyTimeoutMs);
    return { instances, startPerSecond, purchasesMs };
  } finally {
    for (const child of children) child.kill("SIGTERM");
    const running = children.filter((child) => child.exitCode === null);
    await Promise.all(running.map((child) => new Promise((resolve) => child.once("exit", resolve))));
    await proxy.close();
    await emulator.close();
    await sandbox.close();
    await withAdminClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    rmSync(dir, { recursive: true, force: true });
  }
}

function spawnShop(cwd: string, env: Record<string, string>): ChildProcess {
  const { PATH, HOME } = process.env;
  return spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "src", "main.ts")], { cwd, env: { PATH, HOME, ...env }, stdio: "ignore" });
}

/** Queues `updates` /start messages from `chats` chats at once; updates per second until the last reply. */
async function startBurst(emulator: TelegramEmulator, updates: number, chats: number, timeoutMs: number): Promise<number> {
  const users = Array.from({ length: chats }, (_, i) => emulator.user({ first_name: `Burst${i}`, language_code: "en" }));
  const ids = new Set(users.map((user) => user.id));
  let replies = 0;
  const done = new Promise<void>((resolve) => {
    const remove = emulator.onCall((call) => {
      if (call.method !== "sendMessage" || !ids.has(Number(call.params.chat_id))) return;
      if (++replies >= updates) {
        remove();
        resolve();
      }
    });
  });
  const started = performance.now();
  for (let i = 0; i < updates; i++) users[i % chats]!.send("/start");
  await withTimeout(done, timeoutMs * 10, "the /start burst");
  return updates / ((performance.now() - started) / 1000);
}

/** `count` travellers buy at once; milliseconds until the last QR. */
async function purchases(emulator: TelegramEmulator, count: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const user: TestUser = emulator.user({ first_name: `Buyer${i}`, language_code: "en" });
      await purchaseToQr(user, { stepByStep: false, timeoutMs });
    }),
  );
  return performance.now() - started;
}

async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function waitReady(port: number): Promise<void> {
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true, 120_000);
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${timeoutMs} ms`)), timeoutMs)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
