/**
 * `npm run bench:updates`: how many updates a second the shop bot answers,
 * and how fast, against a bare grammY bot on @grammyjs/runner measured in
 * the same run on the same Telegram Bot API emulator (test/support/telegram).
 * Speed figures are ratios to that ceiling: these machines are shared.
 *
 * Each bot runs in its own process (the shop exactly as `npm start` runs
 * src/main.ts, with the built-in sandbox provider); the emulator and the
 * simulated users live in this process, on loopback. Per target, in order:
 *   - the shop's first purchase after start (payment→QR reported alone);
 *   - warm-up: one /start per chat (not reported);
 *   - (a) a /start burst (2,000 from 500 chats), then /start at 50/s for latency;
 *   - (b) rounds of /buy and a typed destination ("japan") from every chat;
 *   - (c) whole purchases — /buy, destination, data, validity, Pay, pay the
 *     invoice, QR delivered — one at a time, then 50 at once;
 * and last (scenario "webhook", with PostgreSQL) the shop in Telegram webhook
 * mode, 1 and then 3 instances behind a round-robin proxy, through (a) and (c)
 * with the bare bot's ratios, and 3 instances as a ratio to 1
 * (bench/support/webhook-target.ts; `--scenarios webhook` runs only the
 * references and webhook mode).
 * With the search or purchase scenarios, a bare grammY bot that makes the
 * shop's Bot API calls for those steps and stores nothing
 * (bench/support/same-calls-bot.ts) runs them too: their own ceiling, and
 * "shop ÷ same calls" shows what the shop's work leaves of it.
 * The emulator alone (a framework-free HTTP client answering every /start)
 * shows what the emulator can serve; "emu cores" near 1.0 in a burst means
 * the emulator, not the bot, is the limit, and 1e6 / "emu µs/upd" is what it
 * can serve on a free core. Latency runs from queueing an update to the
 * emulator answering the bot's reply call. "CPU µs/upd" is the bot's CPU time
 * per update (until it settles after the last reply): on a shared machine
 * its ratio to the bare bot's is steadier than the rates.
 *
 *   npm run bench:updates                       # everything, both databases (~2–3 min)
 *   npm run bench:updates -- --quick            # smoke run
 *   npm run bench:updates -- --db sqlite --start-updates 100000   # memory over a long run
 *   npm run bench:updates -- --help
 *
 * Profiling recipe (CPU profile of the shop under load, no files committed):
 *   npm run bench:updates -- --cpu-prof
 * runs the shop with `node --cpu-prof` on both databases, the /start burst and
 * the search step only (--scenarios start,search,purchase for purchases
 * too), and prints, for each measured phase's time window only (start-up
 * excluded; V8's profile clock is the monotonic clock this process reads):
 * busy µs per update, self time by package and by function, inclusive time
 * by package and of our own functions (src/). Async work loses its caller in
 * a CPU profile, so the shop also gets bench/support/sql-counter-preload.ts,
 * and the run prints SQL statements per update by verb and table. Larger
 * bursts give steadier shares: --start-updates 6000 --search-rounds 3.
 * With --scenarios webhook the first webhook-mode instance is profiled the
 * same way (per update it handled; no SQL counts).
 * Keep the .cpuprofile files with --cpu-prof-dir /tmp/prof (the main
 * thread's is CPU.<…>.<pid>.0.<n>.cpuprofile) and open them in Chrome
 * DevTools (Performance → Load profile) or speedscope for flame graphs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeConditions } from "./support/conditions.ts";
import { formatProfileSummary, summarizeProfile } from "./support/cpu-profile.ts";
import { parseBenchOptions, type BenchOptions } from "./support/options.ts";
import { formatCounters, formatPhases, formatSameCalls, formatTargets } from "./support/report.ts";
import { runTarget, type PollingTarget, type TargetResult } from "./support/run-target.ts";
import { runWebhookTarget, scalingLine, WEBHOOK_WINDOW } from "./support/webhook-target.ts";

/** Phases whose CPU profile is summarised (by name prefix). */
const PROFILED_PHASES = ["/start burst", "search", "purchase steps"];

async function main(options: BenchOptions, interrupt: AbortSignal): Promise<void> {
  console.log((await describeConditions()).join("\n"));
  const sizes =
    `scenarios ${options.scenarios.join(", ")}; ${options.chats} chats; /start burst ${options.startUpdates} (window ${options.window}), paced ${options.pacedRate}/s × ${options.pacedSeconds} s; ` +
    `search ${options.searchRounds} round(s); purchases ${options.sequentialPurchases} one at a time + ${options.concurrentPurchases} at once`;
  console.log(`${sizes}; shop LOG_LEVEL=${options.logLevel}${options.cpuProfile ? "; PROFILING (slower)" : ""}\n`);
  const profileDir = options.cpuProfile ? (options.cpuProfile.keepIn ?? mkdtempSync(join(tmpdir(), "bench-profiles-"))) : undefined;
  // The polling shop only when one of its scenarios is asked for (`--scenarios webhook` alone measures webhook mode against the references).
  const polling = options.scenarios.some((scenario) => scenario !== "webhook");
  const shops = polling ? options.databases.map((db) => ({ kind: "shop" as const, db })) : [];
  // The search and purchase steps' own ceiling: the shop's Bot API calls without its work.
  const sameCalls: PollingTarget[] = options.scenarios.some((scenario) => scenario === "search" || scenario === "purchase") ? [{ kind: "same-calls" }] : [];
  const targets: PollingTarget[] = [{ kind: "raw" }, { kind: "bare" }, ...sameCalls, ...shops];
  const results: TargetResult[] = [];
  try {
    for (const target of targets) {
      const result = await runTarget(target, options, interrupt, profileDir);
      results.push(result);
      console.log(`${result.label}: done`);
    }
    console.log(`\n${formatPhases(results)}\n\n${formatSameCalls(results)}\n\n${formatTargets(results)}\n\n${formatCounters(results)}`);
    for (const result of results) if (result.profileFile) printProfile(result);
    if (options.scenarios.includes("webhook") && options.databases.includes("postgresql")) await webhookMode(options, interrupt, results, profileDir);
  } finally {
    if (profileDir && !options.cpuProfile?.keepIn) rmSync(profileDir, { recursive: true, force: true });
  }
}

/** 1 and 3 instances in webhook mode, printed with the bare bot's row (the reference of every ratio). */
async function webhookMode(options: BenchOptions, interrupt: AbortSignal, references: TargetResult[], profileDir: string | undefined): Promise<void> {
  const webhook: TargetResult[] = [];
  for (const instances of [1, 3]) {
    webhook.push(await runWebhookTarget(instances, options, interrupt, profileDir));
    console.log(`${webhook.at(-1)!.label}: done`);
  }
  const bare = references.filter((result) => result.target.kind === "bare");
  const window = Math.min(options.window, WEBHOOK_WINDOW);
  console.log(`\nwebhook mode on PostgreSQL (the emulator posts one update at a time; a round-robin proxy in front; bursts with window ${window}; CPU and RSS: all instances together)`);
  console.log(`${formatPhases([...bare, ...webhook])}\n\n${formatTargets(webhook)}\n${scalingLine(webhook[0]!, webhook[1]!)}`);
  // The first instance's profile; with 3 instances it handled about a third of the updates.
  for (const result of webhook) if (result.profileFile) printProfile(result, result.target.kind === "webhook" ? result.target.instances : 1);
}

/** The profile per phase; `instances` > 1: one instance's profile, per update it handled (about 1/instances of them). */
function printProfile(result: TargetResult, instances = 1): void {
  for (const phase of result.phases) {
    if (!PROFILED_PHASES.some((name) => phase.name.startsWith(name))) continue;
    const summary = summarizeProfile(result.profileFile!, phase.windows);
    const whose = instances > 1 ? `${result.label} (its first instance, about 1/${instances} of the updates)` : result.label;
    console.log(`\n${formatProfileSummary(`CPU profile, ${whose}, ${phase.name}`, summary, Math.round(phase.updates / instances))}`);
  }
}

// Ctrl-C (or SIGTERM) fails the running phase; each target then stops its bot and deletes its database.
const interrupt = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error("\ninterrupted: stopping the bot and deleting its database…");
    interrupt.abort();
  });
}
let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)} (see npm run bench:updates -- --help)`);
  process.exit(2);
}
try {
  await main(options, interrupt.signal);
} catch (error) {
  if (!interrupt.signal.aborted) throw error;
  process.exitCode = 130;
}
