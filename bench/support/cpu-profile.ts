/**
 * Where a bot's CPU time goes, from a V8 .cpuprofile (node --cpu-prof),
 * restricted to the benchmark phases' time windows: self time by function
 * and by package, and inclusive time of our own functions (the call sites)
 * and of each package, per update.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./bot-process.ts";
import type { MonotonicWindow } from "./session.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One line of a summary: a function, a file or a package, and its time. */
export interface ProfileLine {
  name: string;
  ms: number;
}

/** The profile's time inside the windows. */
export interface ProfileSummary {
  /** Sampled time inside the windows, ms. */
  totalMs: number;
  /** Time the bot was idle (waiting on I/O), ms. */
  idleMs: number;
  selfByFunction: ProfileLine[];
  selfByPackage: ProfileLine[];
  inclusiveByPackage: ProfileLine[];
  inclusiveOurs: ProfileLine[];
}

const SRC = `file://${ROOT}src/`;
const BENCH = `file://${ROOT}bench/`;
/** The SQL counter's frames wrap the drivers' calls: their self time is its cost, their inclusive time is not. */
const COUNTER = "(bench SQL counter)";

/** Where a frame's code lives: our src/ file, a package, node's internals, or a V8 pseudo-frame. */
function packageOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith(SRC)) return "src/ (ours)";
  if (url.startsWith(BENCH)) return COUNTER;
  if (url.startsWith("node:")) return "node internals";
  if (url.startsWith("wasm://")) return "(wasm)";
  const inModules = url.lastIndexOf("/node_modules/");
  if (inModules < 0) return url.replace(`file://${ROOT}`, "");
  const parts = url.slice(inModules + "/node_modules/".length).split("/");
  return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function functionOf(frame: ProfileNode["callFrame"]): string {
  const name = frame.functionName || "(anonymous)";
  // tsx compiles our files to one line each, so their line numbers say nothing: the file is named alone.
  if (frame.url.startsWith(SRC)) return `${name}  ${frame.url.slice(SRC.length - "src/".length)}`;
  const where = frame.url.replace(/^.*\/node_modules\//, "").replace(`file://${ROOT}`, "");
  return where ? `${name}  ${where}:${frame.lineNumber + 1}` : name;
}

/**
 * The main thread's profile in a --cpu-prof folder: Node names files
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile, and thread 0 is the
 * main one (the tsx loader's hooks thread writes its own); the newest if several.
 */
export function mainThreadProfile(dir: string): string | undefined {
  const mainThread = readdirSync(dir).filter((name) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name));
  // The newest, should the folder be reused (the date and time sort as text).
  const file = mainThread.sort().at(-1);
  return file === undefined ? undefined : join(dir, file);
}

/** Reads a .cpuprofile file and sums its samples inside `windows`. */
export function summarizeProfile(file: string, windows: MonotonicWindow[]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const selfPackages = new Map<string, number>();
  const inclusivePackages = new Map<string, number>();
  const inclusiveOurs = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let totalMs = 0;
  let idleMs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!windows.some((window) => at >= window.fromUs && at <= window.toUs)) continue;
    const leaf = byId.get(profile.samples[i]!)!;
    totalMs += ms;
    if (leaf.callFrame.functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    add(self, functionOf(leaf.callFrame), ms);
    add(selfPackages, packageOf(leaf.callFrame), ms);
    const seenPackages = new Set<string>();
    const seenOurs = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
      const pkg = packageOf(node.callFrame);
      seenPackages.add(pkg);
      if (pkg === "src/ (ours)") seenOurs.add(functionOf(node.callFrame));
    }
    seenPackages.delete("(root)");
    seenPackages.delete(COUNTER);
    for (const pkg of seenPackages) add(inclusivePackages, pkg, ms);
    for (const fn of seenOurs) add(inclusiveOurs, fn, ms);
  }
  const sorted = (map: Map<string, number>) =>
    [...map].map(([name, lineMs]) => ({ name, ms: lineMs })).sort((a, b) => b.ms - a.ms);
  return {
    totalMs,
    idleMs,
    selfByFunction: sorted(self),
    selfByPackage: sorted(selfPackages),
    inclusiveByPackage: sorted(inclusivePackages),
    inclusiveOurs: sorted(inclusiveOurs),
  };
}

/** The summary as text: busy time per update, then the top lines of each breakdown. */
export function formatProfileSummary(title: string, summary: ProfileSummary, updates: number, top = 15): string {
  const busy = summary.totalMs - summary.idleMs;
  const perUpdate = (ms: number) => `${((ms * 1000) / Math.max(1, updates)).toFixed(0).padStart(6)} µs/update`;
  const share = (ms: number) => `${((100 * ms) / Math.max(busy, 1e-9)).toFixed(1).padStart(5)} %`;
  const lines = (heading: string, items: ProfileLine[]) => [
    `  ${heading}`,
    ...items.slice(0, top).map((item) => `    ${share(item.ms)}  ${perUpdate(item.ms)}  ${item.name}`),
  ];
  return [
    `${title}: ${updates} updates, ${busy.toFixed(0)} ms busy of ${summary.totalMs.toFixed(0)} ms sampled` +
      ` (${perUpdate(busy).trim()}; idle ${((100 * summary.idleMs) / Math.max(summary.totalMs, 1e-9)).toFixed(0)} %)`,
    ...lines("self time by package (share of busy time):", summary.selfByPackage),
    ...lines("self time by function:", summary.selfByFunction),
    ...lines("inclusive time by package (a package counts once per sample, nested ones overlap):", summary.inclusiveByPackage),
    ...lines("inclusive time of our functions (src/):", summary.inclusiveOurs),
  ].join("\n");
}
