/**
 * A bot under benchmark in its own process: the emulator and the simulated
 * users stay in the bench process, so the bot gets a core of its own, its
 * memory and CPU time are its own, and a CPU profile holds only the bot.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readProcessStats, type ProcessStats } from "./process-stats.ts";
import { isSqlCountsReply, SQL_COUNTS_REQUEST } from "./sql-counts.ts";

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// As `npm start` runs the shop: node itself with tsx's loader, one process.
const TSX_LOADER = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** The node flags of package.json's start script (those before `--import tsx`), so the shop is measured as `npm start` runs it. */
export function startNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const words = scripts.start.split(/\s+/);
  const end = words.indexOf("--import");
  if (words[0] !== "node" || end < 0) throw new Error(`package.json's start script is not "node [flags] --import tsx …": ${scripts.start}`);
  return words.slice(1, end);
}

/** How to start a bot process. */
export interface BotProcessSpec {
  /** Script to run, relative to the repository root (e.g. "src/main.ts"). */
  script: string;
  /** The process's whole environment besides PATH and HOME. */
  env: Record<string, string>;
  cwd: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** Modules (relative to the repository root) imported after tsx's loader, before the script. */
  preload?: string[];
  /** Open an IPC channel (the SQL counter answers over it). */
  ipc?: boolean;
  /** File that receives the process's stdout (the shop's log). */
  stdoutFile: string;
}

/** A started bot process. */
export interface BotProcess {
  readonly pid: number;
  /** Rejects when the process exits before `stop()` (with its stderr). */
  readonly failed: Promise<never>;
  stats(): ProcessStats | undefined;
  /** SQL statements so far by kind, when the SQL counter is preloaded; undefined otherwise. */
  sqlCounts(): Promise<Map<string, number> | undefined>;
  /** Lines written to stdout so far (the shop's log records). */
  logLines(): number;
  /** SIGTERM, then SIGKILL after 20 s; resolves with the last reading before the signal. */
  stop(): Promise<ProcessStats | undefined>;
}

/** Spawns the bot. */
export function startBotProcess(spec: BotProcessSpec): BotProcess {
  const { PATH, HOME } = process.env;
  const stdout = openSync(spec.stdoutFile, "w");
  const preload = (spec.preload ?? []).flatMap((module) => ["--import", pathToFileURL(join(ROOT, module)).href]);
  const child = spawn(process.execPath, [...(spec.nodeFlags ?? []), "--import", TSX_LOADER, ...preload, join(ROOT, spec.script)], {
    cwd: spec.cwd,
    env: { PATH, HOME, ...spec.env },
    stdio: spec.ipc ? ["ignore", stdout, "pipe", "ipc"] : ["ignore", stdout, "pipe"],
  });
  closeSync(stdout);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const failed = exited.then((code): never => {
    throw new Error(`${spec.script} exited with ${code}${stopping ? " while stopping" : ""}:\n${stderr}`);
  });
  failed.catch(() => undefined);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${spec.script}`);
  return {
    pid,
    failed,
    stats: () => readProcessStats(pid),
    sqlCounts: () => {
      if (!spec.ipc || !child.connected) return Promise.resolve(undefined);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the SQL counter did not answer within 5 s")), 5000);
        const onMessage = (message: unknown) => {
          if (!isSqlCountsReply(message)) return;
          clearTimeout(timer);
          child.off("message", onMessage);
          resolve(new Map(Object.entries(message.sqlCounts)));
        };
        child.on("message", onMessage);
        child.send(SQL_COUNTS_REQUEST);
      });
    },
    logLines: () => countLines(spec.stdoutFile),
    async stop() {
      const last = readProcessStats(pid);
      if (child.exitCode !== null) return last;
      stopping = true;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(killer);
      return last;
    },
  };
}

/** Warn-and-above lines of a pino log file: how many, and the first message of each kind. */
export function logProblems(file: string): { count: number; messages: string[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { count: 0, messages: [] };
  }
  const messages = new Map<string, number>();
  let count = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    const record = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    if ((record.level ?? 0) < 40) continue;
    count += 1;
    const key = `${record.msg ?? "?"}${record.err?.message ? `: ${record.err.message.slice(0, 120)}` : ""}`;
    messages.set(key, (messages.get(key) ?? 0) + 1);
  }
  return { count, messages: [...messages].map(([message, n]) => `${n}× ${message}`) };
}

function countLines(file: string): number {
  try {
    const bytes = readFileSync(file);
    let lines = 0;
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines += 1;
    return lines;
  } catch {
    return 0;
  }
}
