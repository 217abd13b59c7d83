/** The run's figures as text tables. */
import { formatLoad } from "./conditions.ts";
import type { TargetResult } from "./run-target.ts";
import type { PhaseResult } from "./session.ts";
import { cell, summarize, type LatencySummary } from "./stats.ts";

/** The bare bot's /start burst, the reference of every ratio. */
function ceilingOf(results: TargetResult[]): PhaseResult | undefined {
  const bare = results.find((result) => result.target.kind === "bare");
  return bare?.phases.find((candidate) => candidate.name === "/start burst");
}

/** The bot's CPU time per update, µs. */
function cpuPerUpdate(phase: PhaseResult): number {
  return (phase.botCpuSeconds * 1e6) / phase.updates;
}

/**
 * One row per phase of every target: rate and its ratio to the bare bot,
 * latency, CPU (the bot's CPU time per update and its ratio to the bare
 * bot's are steadier than rates on a shared machine), how busy the bot and
 * the emulator side (this process) were in cores, the emulator side's CPU
 * per update (1e6 / it = what it can serve on a free core) and memory.
 */
export function formatPhases(results: TargetResult[]): string {
  const ceiling = ceilingOf(results);
  const ceilingRate = ceiling ? ceiling.updates / ceiling.seconds : undefined;
  const ceilingCpu = ceiling ? cpuPerUpdate(ceiling) : undefined;
  const header = ["phase", "bot", "updates", "upd/s", "× bare", "p50 ms", "p99 ms", "CPU µs/upd", "× bare CPU", "bot cores", "emu cores", "emu µs/upd", "RSS MiB"];
  const rows = results.flatMap((result) =>
    result.phases.map((phase) => {
      const rate = phase.updates / phase.seconds;
      const latency = summarize(phase.latencies);
      const cpu = cpuPerUpdate(phase);
      return [
        phase.name,
        result.label,
        String(phase.updates),
        phase.saturating ? cell(rate, 0) : `(${cell(rate, 0)})`,
        phase.saturating && ceilingRate ? cell(rate / ceilingRate, 2) : "",
        cell(latency.p50),
        cell(latency.p99),
        cell(cpu, 0),
        phase.saturating && ceilingCpu ? cell(ceilingCpu / cpu, 2) : "",
        cell(phase.botCpu, 2),
        cell(phase.benchCpu, 2),
        cell((phase.benchCpu * phase.seconds * 1e6) / phase.updates, 0),
        cell(phase.rssMb, 0),
      ];
    }),
  );
  return table(header, rows);
}

/**
 * The shop's search and purchase-step rates as a share of the same-calls
 * bot's (the same Bot API calls, no work of its own): what the shop's own
 * work (state, orders, payments, the eSIM) leaves of that ceiling.
 */
export function formatSameCalls(results: TargetResult[]): string {
  const sameCalls = results.find((result) => result.target.kind === "same-calls");
  if (!sameCalls) return "";
  const rate = (phase: PhaseResult) => phase.updates / phase.seconds;
  const lines = results
    .filter((result) => result.target.kind === "shop")
    .map((result) => {
      const shares = result.phases.flatMap((phase) => {
        const reference = sameCalls.phases.find((candidate) => candidate.name === phase.name);
        return reference && phase.saturating ? [`${phase.name} ${cell(rate(phase) / rate(reference), 2)}`] : [];
      });
      return `${result.label} ÷ ${sameCalls.label}, updates/s: ${shares.join("; ")}`;
    });
  return lines.join("\n");
}

/** Per shop phase: log lines and (when counted) SQL statements per update, most frequent first. */
export function formatCounters(results: TargetResult[]): string {
  const lines: string[] = [];
  for (const result of results.filter((candidate) => candidate.target.kind === "shop" || candidate.target.kind === "webhook")) {
    for (const phase of result.phases) {
      const perUpdate = [...phase.counters]
        .filter(([, count]) => count > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => `${cell(count / phase.updates, 2)} ${key}`);
      if (perUpdate.length > 0) lines.push(`${result.label}, ${phase.name}: ${perUpdate.join(", ")}`);
    }
  }
  return lines.length > 0 ? `per update:\n${lines.join("\n")}` : "";
}

/** Payment→QR, start-up time, memory and anything that went wrong, per target. */
export function formatTargets(results: TargetResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(
      `${result.label}: ${result.target.kind === "webhook" ? "ready" : "polling"} ${cell(result.startupSeconds, 1)} s after spawn; RSS ${cell(result.rssAfterWarmUpMb, 0)} MiB after warm-up, ` +
        `${cell(result.phases.at(-1)?.rssMb, 0)} MiB at the end, peak ${cell(result.peakRssMb, 0)} MiB`,
    );
    for (const phase of result.phases) {
      if (phase.rssSamples.length >= 20) lines.push(`  RSS during ${phase.name}, MiB: ${trajectory(phase.rssSamples)}`);
    }
    const qr = result.paymentToQr;
    if (qr.first !== undefined) lines.push(`  payment→QR, first purchase after start: ${cell(qr.first, 0)} ms`);
    if (qr.oneAtATime) lines.push(`  payment→QR, one purchase at a time: ${formatLatency(qr.oneAtATime)}`);
    if (qr.concurrent) lines.push(`  payment→QR, purchases at once (QR sends throttled to 30/s): ${formatLatency(qr.concurrent)}`);
    if (result.logProblems.count > 0) {
      lines.push(`  ${result.logProblems.count} warn/error log lines: ${result.logProblems.messages.slice(0, 5).join("; ")}`);
    }
    if (result.refused.size > 0) {
      lines.push(`  refused Bot API calls: ${[...result.refused].map(([call, n]) => `${n}× ${call}`).join("; ")}`);
    }
  }
  lines.push(`loadavg at end ${formatLoad()}`);
  return lines.join("\n");
}

/** Ten evenly spaced samples and the last, to show whether memory levels off or keeps growing. */
function trajectory(samples: number[]): string {
  const points = Array.from({ length: 10 }, (_, i) => samples[Math.floor((i * samples.length) / 10)]!);
  return [...points, samples.at(-1)!].map((mb) => cell(mb, 0)).join(" → ");
}

function formatLatency(summary: LatencySummary): string {
  return `p50 ${cell(summary.p50, 0)} ms, p95 ${cell(summary.p95, 0)} ms, max ${cell(summary.max, 0)} ms (n=${summary.count})`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => row.map((value, i) => (i < 2 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}
