/** Command-line flags of `npm run bench:updates` (see bench/updates.ts). */
import { parseArgs } from "node:util";
import type { DatabaseProvider } from "../../src/db/client.ts";

/** The scenarios a run can include. */
export const SCENARIOS = ["start", "search", "purchase", "webhook"] as const;
/** One scenario: the /start burst, the search step, whole purchases, webhook mode with 1 and 3 instances (PostgreSQL). */
export type Scenario = (typeof SCENARIOS)[number];

/** What one run measures, and how much of it. */
export interface BenchOptions {
  /** Private chats the updates come from. */
  chats: number;
  /** Updates in the measured /start burst. */
  startUpdates: number;
  /** Most updates waiting for a reply at once (the burst is open up to this). */
  window: number;
  /** Paced /start phase: updates per second and how long. */
  pacedRate: number;
  pacedSeconds: number;
  /** Search step: rounds of (/buy, then a destination) from every chat. */
  searchRounds: number;
  /** The destination typed in the search step. */
  destination: string;
  /** Purchases made one after another (payment→QR without load). */
  sequentialPurchases: number;
  /** Purchases made at once from as many chats. */
  concurrentPurchases: number;
  databases: DatabaseProvider[];
  scenarios: Scenario[];
  /**
   * Profile the shop with node --cpu-prof; `keepIn` is where the profiles stay
   * (undefined: a temporary folder, deleted after the summary is printed).
   */
  cpuProfile: { keepIn: string | undefined } | undefined;
  /** The shop's LOG_LEVEL (its log goes to a temporary file). */
  logLevel: string;
  /** How long one reply may take before the run fails. */
  replyTimeoutMs: number;
}

const USAGE = `npm run bench:updates -- [flags]
  --quick                      smoke run with small sizes
  --chats N                    chats the updates come from (500)
  --start-updates N            /start burst size (2000; e.g. 100000 to watch memory)
  --window N                   most updates outstanding at once (2000)
  --paced-rate N --paced-seconds S   paced /start latency phase (50/s for 4 s)
  --search-rounds N            rounds of /buy + destination from every chat (2)
  --destination TEXT           what is typed in the search step ("japan")
  --sequential-purchases N     purchases one at a time (20)
  --concurrent-purchases N     purchases at once (50)
  --db sqlite,postgresql       databases for the shop (both)
  --scenarios start,search,purchase,webhook   what to run (all; with --cpu-prof: start,search);
                               webhook: the shop in webhook mode, 1 and 3 instances on PostgreSQL
  --cpu-prof [--cpu-prof-dir DIR]     profile the shop and print where the time goes
  --log-level LEVEL            the shop's LOG_LEVEL (info)
  --reply-timeout-ms N         fail when a reply takes longer (30000)`;

const QUICK: Partial<BenchOptions> = { chats: 50, startUpdates: 200, window: 200, pacedSeconds: 2, searchRounds: 1, sequentialPurchases: 3, concurrentPurchases: 5 };

/** Parses the flags; prints the usage and exits on --help. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: "boolean" },
      help: { type: "boolean" },
      chats: { type: "string" },
      "start-updates": { type: "string" },
      window: { type: "string" },
      "paced-rate": { type: "string" },
      "paced-seconds": { type: "string" },
      "search-rounds": { type: "string" },
      destination: { type: "string" },
      "sequential-purchases": { type: "string" },
      "concurrent-purchases": { type: "string" },
      db: { type: "string" },
      scenarios: { type: "string" },
      "cpu-prof": { type: "boolean" },
      "cpu-prof-dir": { type: "string" },
      "log-level": { type: "string" },
      "reply-timeout-ms": { type: "string" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const base: Partial<BenchOptions> = values.quick ? QUICK : {};
  const int = (name: keyof typeof values, fallback: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} expects a whole number, got "${String(raw)}"`);
    return parsed;
  };
  const profiling = values["cpu-prof"] === true || values["cpu-prof-dir"] !== undefined;
  return {
    chats: int("chats", base.chats ?? 500),
    startUpdates: int("start-updates", base.startUpdates ?? 2000),
    window: Math.max(1, int("window", base.window ?? 2000)),
    pacedRate: Math.max(1, int("paced-rate", 50)),
    pacedSeconds: int("paced-seconds", base.pacedSeconds ?? 4),
    searchRounds: int("search-rounds", base.searchRounds ?? 2),
    destination: values.destination ?? "japan",
    sequentialPurchases: int("sequential-purchases", base.sequentialPurchases ?? 20),
    concurrentPurchases: int("concurrent-purchases", base.concurrentPurchases ?? 50),
    databases: parseList(values.db ?? "sqlite,postgresql", ["sqlite", "postgresql"] as const, "--db"),
    scenarios: parseList(values.scenarios ?? (profiling ? "start,search" : SCENARIOS.join(",")), SCENARIOS, "--scenarios"),
    cpuProfile: profiling ? { keepIn: values["cpu-prof-dir"] } : undefined,
    logLevel: values["log-level"] ?? "info",
    replyTimeoutMs: Math.max(1000, int("reply-timeout-ms", 30_000)),
  };
}

function parseList<T extends string>(raw: string, allowed: readonly T[], flag: string): T[] {
  const items = raw.split(",").map((item) => item.trim()).filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw new Error(`${flag}: "${item}" is not one of ${allowed.join(", ")}`);
  }
  return items as T[];
}
