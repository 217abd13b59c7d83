/**
 * Several bot processes seen as one (the shop's instances in webhook mode):
 * CPU time and memory are their sums, so "CPU µs/upd" is what the whole
 * group spent per update; the group fails when any of them dies.
 */
import type { BotProcess } from "./bot-process.ts";
import type { ProcessStats } from "./process-stats.ts";

/** One BotProcess over `members` (at least one). */
export function botGroup(members: readonly BotProcess[]): BotProcess {
  const failed = Promise.race(members.map((member) => member.failed));
  failed.catch(() => undefined);
  return {
    pid: members[0]!.pid,
    failed,
    stats: () => sumStats(members.map((member) => member.stats())),
    sqlCounts: () => Promise.resolve(undefined),
    logLines: () => members.reduce((sum, member) => sum + member.logLines(), 0),
    async stop() {
      const last = sumStats(members.map((member) => member.stats()));
      await Promise.all(members.map((member) => member.stop()));
      return last;
    },
  };
}

/** Undefined as soon as one reading is missing (a member is gone): a partial sum would look like a drop. */
function sumStats(readings: ReadonlyArray<ProcessStats | undefined>): ProcessStats | undefined {
  if (readings.some((reading) => reading === undefined)) return undefined;
  return (readings as ProcessStats[]).reduce((sum, reading) => ({
    rssMb: sum.rssMb + reading.rssMb,
    peakRssMb: sum.peakRssMb + reading.peakRssMb,
    cpuSeconds: sum.cpuSeconds + reading.cpuSeconds,
  }));
}
