/**
 * Benchmarks one target from start to stop: its own emulator and users, the
 * bot process, the scenarios that apply to it, and the bot's memory, log
 * problems and refused calls at the end.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { DatabaseProvider } from "../../src/db/client.ts";
import { startTelegramEmulator } from "../../test/support/telegram/emulator.ts";
import { logProblems, startBotProcess } from "./bot-process.ts";
import { mainThreadProfile } from "./cpu-profile.ts";
import type { BenchOptions, Scenario } from "./options.ts";
import { firstPurchase, purchaseScenario, type PaymentToQr } from "./purchase-scenario.ts";
import { ReplyWatch } from "./reply-watch.ts";
import { searchScenario } from "./search-scenario.ts";
import type { PhaseResult, Session } from "./session.ts";
import { startScenario, warmUp } from "./start-scenario.ts";
import { prepareTarget, targetLabel, type ProfileRequest, type Target } from "./targets.ts";

/** Everything measured on one target. */
export interface TargetResult {
  target: Target;
  label: string;
  startupSeconds: number;
  phases: PhaseResult[];
  paymentToQr: PaymentToQr;
  /** The bot's resident memory once every chat said /start (compare with the phases' to see growth), MiB. */
  rssAfterWarmUpMb: number;
  /** The bot's highest resident memory (VmHWM), MiB. */
  peakRssMb: number;
  /** Warn-and-above lines in the shop's log. */
  logProblems: { count: number; messages: string[] };
  /** Bot API calls the emulator refused, by "method: description". */
  refused: Map<string, number>;
  /** The CPU profile written at exit, when profiling. */
  profileFile?: string;
}

const TOKEN = "7000000003:AAE-bench-token-for-the-emulator";
const STARTUP_TIMEOUT_MS = 120_000;

/** Runs every scenario that applies to `target`; `interrupt` stops it (the bot, the emulator and the database are cleaned up). */
export async function runTarget(target: PollingTarget, options: BenchOptions, interrupt: AbortSignal, profileDir?: string): Promise<TargetResult> {
  const interrupted = interruption(interrupt);
  const emulator = await startTelegramEmulator({ token: TOKEN });
  const watch = new ReplyWatch(emulator, options.replyTimeoutMs);
  const label = targetLabel(target);
  const profile = profileDir && target.kind === "shop" ? profileFolder(profileDir, target.db) : undefined;
  const prepared = await prepareTarget(target, emulator, { logLevel: options.logLevel, ...(profile ? { profile } : {}) });
  try {
    const started = performance.now();
    const bot = startBotProcess(prepared.spec);
    try {
      // The first getUpdates is recorded on arrival (a held poll is answered only when updates come).
      const polling = emulator.waitForCall("getUpdates", undefined, { timeoutMs: STARTUP_TIMEOUT_MS });
      await Promise.race([polling, bot.failed, interrupted]);
      const startupSeconds = (performance.now() - started) / 1000;
      const users = Array.from({ length: options.chats }, (_, i) => emulator.user({ first_name: `User${i}`, language_code: "en" }));
      const session: Session = { emulator, watch, bot, users, options, interrupted };
      const { phases, paymentToQr, rssAfterWarmUpMb } = await runScenarios(target, session);
      const last = await bot.stop();
      return {
        target,
        label,
        startupSeconds,
        phases,
        paymentToQr,
        rssAfterWarmUpMb,
        peakRssMb: last?.peakRssMb ?? Number.NaN,
        logProblems: logProblems(prepared.spec.stdoutFile),
        refused: watch.refused,
        ...(profile ? { profileFile: mainThreadProfile(profile.dir) } : {}),
      };
    } finally {
      await bot.stop();
    }
  } finally {
    watch.close();
    await emulator.close();
    await prepared.cleanup();
  }
}

/** A target that fetches its updates by long polling (every one but webhook mode's). */
export type PollingTarget = Exclude<Target, { kind: "webhook" }>;

/** Rejects when `interrupt` aborts, so a phase stops waiting and cleanup runs. */
export function interruption(interrupt: AbortSignal): Promise<never> {
  const interrupted = new Promise<never>((_, reject) =>
    interrupt.addEventListener("abort", () => reject(new Error("interrupted")), { once: true }),
  );
  interrupted.catch(() => undefined);
  return interrupted;
}

/** What webhook mode measures, whatever else the run asked for: intake of /start and whole purchases. */
const WEBHOOK_SCENARIOS: readonly Scenario[] = ["start", "purchase"];

/**
 * The references run the /start burst only (the raw client not even the
 * paced phase), the same-calls bot the search and purchase steps only; the
 * shop runs what was asked, in webhook mode /start and purchases.
 */
export async function runScenarios(
  target: Target,
  session: Session,
): Promise<{ phases: PhaseResult[]; paymentToQr: PaymentToQr; rssAfterWarmUpMb: number }> {
  const { options } = session;
  const phases: PhaseResult[] = [];
  const paymentToQr: PaymentToQr = {};
  const shop = target.kind === "shop" || target.kind === "webhook";
  const steps = shop || target.kind === "same-calls";
  const asked = target.kind === "webhook" ? WEBHOOK_SCENARIOS : options.scenarios;
  const wants = (scenario: Scenario) => (scenario === "start" ? shop : steps) && asked.includes(scenario);
  // The first purchase after start, before anything else warms the paths it takes.
  if (shop && wants("purchase")) paymentToQr.first = await Promise.race([firstPurchase(session), session.interrupted]);
  const { rssMb: rssAfterWarmUpMb } = await warmUp(session);
  if (!steps || wants("start")) {
    const start = await startScenario(target.kind === "raw" ? { ...session, options: { ...options, pacedSeconds: 0 } } : session);
    phases.push(...start);
  }
  if (wants("search")) phases.push(...(await searchScenario(session)));
  if (wants("purchase")) {
    const purchases = await purchaseScenario(session);
    phases.push(...purchases.phases);
    Object.assign(paymentToQr, purchases.paymentToQr);
  }
  return { phases, paymentToQr, rssAfterWarmUpMb };
}

/** A folder of its own for one shop's profiles (the loader thread writes one too). */
function profileFolder(profileDir: string, db: DatabaseProvider): ProfileRequest {
  const dir = join(profileDir, `shop-${db}`);
  mkdirSync(dir, { recursive: true });
  return { dir };
}
