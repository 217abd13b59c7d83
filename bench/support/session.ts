/**
 * One bot under benchmark with its emulator and simulated users, and the
 * measurement of a phase: throughput, latencies, CPU of the bot and of the
 * bench process (emulator + users), the bot's memory, and the phase's time
 * window on the monotonic clock (CPU profiles use the same clock).
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { TelegramEmulator } from "../../test/support/telegram/emulator.ts";
import type { TestUser } from "../../test/support/telegram/user.ts";
import type { BotProcess } from "./bot-process.ts";
import type { LoadResult } from "./load.ts";
import type { BenchOptions } from "./options.ts";
import { ownCpuSeconds } from "./process-stats.ts";
import type { ReplyWatch } from "./reply-watch.ts";

/** Everything a scenario drives. */
export interface Session {
  emulator: TelegramEmulator;
  watch: ReplyWatch;
  bot: BotProcess;
  /** The chats of the bursts (`options.chats` users), created once. */
  users: TestUser[];
  options: BenchOptions;
  /** Rejects when the run is interrupted (Ctrl-C), so a phase stops waiting and cleanup runs. */
  interrupted: Promise<never>;
}

/** A time window in microseconds of the monotonic clock. */
export interface MonotonicWindow {
  fromUs: number;
  toUs: number;
}

/** The figures of one measured phase. */
export interface PhaseResult extends LoadResult {
  name: string;
  /** The bot's CPU use during the phase, in cores (1 = one core busy all along). */
  botCpu: number;
  /** The bot's CPU time for the phase's updates, seconds: until the last reply and the work after it (e.g. state writes). */
  botCpuSeconds: number;
  /** The bench process's CPU use (emulator and users), in cores. */
  benchCpu: number;
  /** The bot's resident memory at the end, MiB. */
  rssMb: number;
  /** The bot's resident memory every RSS_SAMPLE_MS during the phase, MiB (growth over a long run shows here). */
  rssSamples: number[];
  /** When the phase ran, until the bot settled (several windows when it is made of rounds). */
  windows: MonotonicWindow[];
  /** Whether updates/s is the bot's capacity (a burst), not the offered rate (paced or one user at a time). */
  saturating: boolean;
  /** What the bot did during the phase: "log lines" and, when counted, SQL statements by "VERB Table". */
  counters: Map<string, number>;
}

/** Monotonic microseconds, the clock of V8's CPU profiles on Linux. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Runs `load` as a phase named `name`; fails early if the bot process dies or the run is interrupted. */
export async function measure(
  session: Session,
  name: string,
  load: () => Promise<LoadResult>,
  { saturating = true }: { saturating?: boolean } = {},
): Promise<PhaseResult> {
  const countersBefore = await readCounters(session);
  const botBefore = session.bot.stats()?.cpuSeconds ?? Number.NaN;
  const benchBefore = ownCpuSeconds();
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(session.bot.stats()?.rssMb ?? Number.NaN), RSS_SAMPLE_MS);
  const fromUs = monotonicUs();
  const result = await Promise.race([load(), session.bot.failed, session.interrupted]).finally(() => clearInterval(sampler));
  const toUs = monotonicUs();
  const benchAfter = ownCpuSeconds();
  const wall = (toUs - fromUs) / 1e6;
  const after = session.bot.stats();
  const settled = await settle(session);
  const settledUs = monotonicUs();
  const countersAfter = await readCounters(session);
  return {
    ...result,
    name,
    botCpu: ((after?.cpuSeconds ?? Number.NaN) - botBefore) / wall,
    botCpuSeconds: settled - botBefore,
    benchCpu: (benchAfter - benchBefore) / wall,
    rssMb: after?.rssMb ?? Number.NaN,
    rssSamples,
    // Up to when the bot settled, so a CPU profile sees the same work as botCpuSeconds.
    windows: [{ fromUs, toUs: settledUs }],
    saturating,
    counters: new Map([...countersAfter].map(([key, value]) => [key, value - (countersBefore.get(key) ?? 0)])),
  };
}

/** How often a phase samples the bot's memory. */
const RSS_SAMPLE_MS = 500;

/** How long the bot must stay (almost) idle to count as settled, and the most to wait for it. */
const QUIET_MS = 150;
const SETTLE_LIMIT_MS = 5000;

/**
 * Waits until the bot has finished the work its last replies left behind
 * (state writes after a reply): at most one clock tick of CPU in QUIET_MS.
 * Resolves with its CPU time then.
 */
async function settle(session: Session): Promise<number> {
  const deadline = performance.now() + SETTLE_LIMIT_MS;
  let last = session.bot.stats()?.cpuSeconds ?? Number.NaN;
  for (;;) {
    await sleep(QUIET_MS);
    const now = session.bot.stats()?.cpuSeconds ?? Number.NaN;
    if (!(now - last > 0.015) || performance.now() > deadline) return now;
    last = now;
  }
}

async function readCounters(session: Session): Promise<Map<string, number>> {
  const counters = new Map(await session.bot.sqlCounts());
  counters.set("log lines", session.bot.logLines());
  return counters;
}

/** Adds up rounds of one phase (updates, time, latencies, windows); CPU is averaged over the time. */
export function combine(name: string, rounds: PhaseResult[]): PhaseResult {
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  const weighted = (pick: (round: PhaseResult) => number) => rounds.reduce((sum, round) => sum + pick(round) * round.seconds, 0) / seconds;
  return {
    name,
    updates: rounds.reduce((sum, round) => sum + round.updates, 0),
    seconds,
    latencies: rounds.flatMap((round) => round.latencies),
    botCpu: weighted((round) => round.botCpu),
    botCpuSeconds: rounds.reduce((sum, round) => sum + round.botCpuSeconds, 0),
    benchCpu: weighted((round) => round.benchCpu),
    rssMb: rounds.at(-1)?.rssMb ?? Number.NaN,
    rssSamples: rounds.flatMap((round) => round.rssSamples),
    windows: rounds.flatMap((round) => round.windows),
    saturating: rounds.every((round) => round.saturating),
    counters: rounds.reduce((sum, round) => {
      for (const [key, value] of round.counters) sum.set(key, (sum.get(key) ?? 0) + value);
      return sum;
    }, new Map<string, number>()),
  };
}
