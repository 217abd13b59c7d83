/**
 * Webhook mode for `npm run bench:updates`: the shop as `npm start` runs it
 * (src/main.ts) in Telegram webhook mode, 1 or 3 instances on one fresh
 * PostgreSQL schema behind a round-robin proxy (test/support/balancing-proxy.ts),
 * with one simulated provider over HTTP (the built-in sandbox keeps its state
 * per process). The phases are the polling shop's (/start burst and paced,
 * purchases), so the same table shows them as ratios to the bare bot; CPU and
 * memory are the instances' sums (bot-group.ts).
 *
 * The emulator posts webhook updates one at a time (Telegram posts up to
 * `max_connections`, 40 by default, at once), so a burst is bounded by the
 * intake's round trip: store the update, answer 200.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { startSandboxServer } from "../../src/providers/fakes/giapi-sandbox/server.ts";
import { startBalancingProxy } from "../../test/support/balancing-proxy.ts";
import { freePorts } from "../../test/support/free-ports.ts";
import { startTelegramEmulator } from "../../test/support/telegram/emulator.ts";
import { botGroup } from "./bot-group.ts";
import { logProblems, startBotProcess, startNodeFlags, type BotProcess } from "./bot-process.ts";
import { mainThreadProfile } from "./cpu-profile.ts";
import type { BenchOptions } from "./options.ts";
import { ReplyWatch } from "./reply-watch.ts";
import { cell } from "./stats.ts";
import { interruption, runScenarios, type TargetResult } from "./run-target.ts";
import type { Session } from "./session.ts";
import { freshSchema, targetLabel } from "./targets.ts";

const TOKEN = "7000000099:AAE-bench-token-for-webhook-mode";
const SECRET = "bench-webhook-secret-0123456789";
const API_KEY = "bench-sandbox-key-0123456789";
/**
 * Most updates waiting for their reply at once. Webhook mode answers tens of
 * updates a second here, so the polling bursts' window (2,000) would leave
 * updates queued past the reply timeout; 100 still keeps every instance busy.
 */
export const WEBHOOK_WINDOW = 100;
/** Start-up (migrations, catalog, setWebhook) of every instance; a dead instance fails the wait at once. */
const STARTUP_TIMEOUT_MS = 120_000;

/**
 * Starts `instances` shops in webhook mode, runs the /start and purchase
 * phases through the proxy, stops them. With `profileDir` the first instance
 * runs under node --cpu-prof (its profile is the result's).
 */
export async function runWebhookTarget(instances: number, options: BenchOptions, interrupt: AbortSignal, profileDir?: string): Promise<TargetResult> {
  const target = { kind: "webhook" as const, instances };
  const interrupted = interruption(interrupt);
  const dir = mkdtempSync(join(tmpdir(), "bench-webhook-"));
  const database = await freshSchema();
  const emulator = await startTelegramEmulator({ token: TOKEN });
  const watch = new ReplyWatch(emulator, options.replyTimeoutMs);
  const sandbox = await startSandboxServer({ port: 0, dbPath: join(dir, "sandbox.db"), apiKey: API_KEY });
  const ports = await freePorts(instances);
  const proxy = await startBalancingProxy(ports.map((port) => `http://127.0.0.1:${port}`), "round-robin");
  const env = {
    BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, DATABASE_URL: database.url, ESIM_PROVIDER: "giapi",
    PROVIDER_BASE_URL: sandbox.url, PROVIDER_API_KEY: API_KEY, TELEGRAM_WEBHOOK_URL: `${proxy.url}/telegram`,
    TELEGRAM_WEBHOOK_SECRET: SECRET, POLL_CRON: "0 0 1 1 *", LOG_LEVEL: options.logLevel,
    // Each instance's dashboard on a free loopback port of its own: the default 8080 is one port for all of them (and for anything else on the machine).
    DASHBOARD_PORT: "0",
  };
  const logs = ports.map((_, i) => join(dir, `instance-${i}.log`));
  const members: BotProcess[] = [];
  const startup = new AbortController();
  try {
    const started = performance.now();
    const profile = profileDir ? join(profileDir, `webhook-${instances}`) : undefined;
    if (profile) mkdirSync(profile, { recursive: true });
    ports.forEach((port, i) => {
      const nodeFlags = [...startNodeFlags(), ...(profile && i === 0 ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [])];
      members.push(startBotProcess({ script: "src/main.ts", cwd: dir, stdoutFile: logs[i]!, nodeFlags, env: { ...env, WEBHOOK_PORT: String(port) } }));
    });
    const bot = botGroup(members);
    // Stops the readiness polls when an instance dies or start-up takes too long.
    const giveUp = AbortSignal.any([AbortSignal.timeout(STARTUP_TIMEOUT_MS), startup.signal]);
    const ready = Promise.all(ports.map((port) => waitReady(port, giveUp))).then(() => waitFor(() => emulator.callsTo("setWebhook").length >= instances, giveUp));
    await Promise.race([ready, bot.failed, interrupted]).finally(() => startup.abort());
    const startupSeconds = (performance.now() - started) / 1000;
    const users = Array.from({ length: options.chats }, (_, i) => emulator.user({ first_name: `User${i}`, language_code: "en" }));
    const session: Session = { emulator, watch, bot, users, options: { ...options, window: Math.min(options.window, WEBHOOK_WINDOW) }, interrupted };
    const { phases, paymentToQr, rssAfterWarmUpMb } = await runScenarios(target, session);
    const last = await bot.stop();
    const problems = logs.map((file) => logProblems(file));
    return {
      target, label: targetLabel(target), startupSeconds, phases, paymentToQr, rssAfterWarmUpMb,
      peakRssMb: last?.peakRssMb ?? Number.NaN,
      logProblems: { count: problems.reduce((sum, p) => sum + p.count, 0), messages: problems.flatMap((p) => p.messages) },
      refused: watch.refused,
      ...(profile ? { profileFile: mainThreadProfile(profile) } : {}),
    };
  } finally {
    await Promise.all(members.map((member) => member.stop()));
    watch.close();
    await proxy.close();
    await emulator.close();
    await sandbox.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How much two more instances gained: updates/s of the /start burst and of the purchases at once, 3 instances ÷ 1. */
export function scalingLine(one: TargetResult, three: TargetResult): string {
  const rate = (result: TargetResult, name: (phase: string) => boolean) => {
    const phase = result.phases.find((candidate) => name(candidate.name));
    return phase ? phase.updates / phase.seconds : Number.NaN;
  };
  const ratio = (name: (phase: string) => boolean) => cell(rate(three, name) / rate(one, name), 2);
  const burst = ratio((phase) => phase === "/start burst");
  const purchases = ratio((phase) => phase.startsWith("purchase steps") && phase.endsWith("at once"));
  return `${three.label} ÷ ${one.label}, updates/s (above 1: faster): /start burst ${burst}; purchase steps, buyers at once ${purchases}`;
}

/** Until the instance's /healthz answers 200 (database and provider reachable). */
function waitReady(port: number, giveUp: AbortSignal): Promise<void> {
  return waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: giveUp }).catch(() => undefined))?.ok === true, giveUp);
}

/** Polls `condition` every 100 ms until it holds; rejects once `giveUp` aborts. */
async function waitFor(condition: () => boolean | Promise<boolean>, giveUp: AbortSignal): Promise<void> {
  while (!(await condition())) {
    giveUp.throwIfAborted();
    await sleep(100);
  }
}
