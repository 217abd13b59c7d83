/**
 * The lifecycle tick: node-cron fires on POLL_CRON and never overlaps; each
 * tick polls every watched eSIM once, records the reminders that are due,
 * sends the outbox, and sweeps conversation state older than the
 * conversations' wait limit. The state
 * (leases, outbox) lives in the database, so ticks of several instances on
 * one PostgreSQL database share the work.
 */
import cron from "node-cron";
import type { CycleReport, LifecycleService } from "../services/lifecycle.ts";
import type { Logger } from "../services/logger.ts";
import type { NotificationSender } from "../services/notifications.ts";

/** One tick's figures. */
export interface TickReport extends CycleReport {
  /** Reminders recorded in the outbox. */
  reminders: number;
  sent: number;
  sweptConversations: number;
  ms: number;
}

/** What the scheduler runs. */
export interface LifecycleSchedulerDeps {
  cron: string;
  concurrency: number;
  lifecycle: LifecycleService;
  notifications: NotificationSender;
  /** Records the reminders due now in the outbox; returns how many. */
  recordReminders: () => Promise<number>;
  /** Deletes stale conversation state; returns how many rows went. */
  sweepConversations: () => Promise<number>;
  log: Logger;
  /** How long an instance may hold an eSIM it claimed. Default 5 minutes. */
  leaseMs?: number;
}

/** A running scheduler. */
export interface LifecycleScheduler {
  /** Runs one tick now (tests, and the first tick at start). */
  tick(): Promise<TickReport>;
  stop(): Promise<void>;
}

/** Starts the cron task. */
export function startLifecycleScheduler(deps: LifecycleSchedulerDeps): LifecycleScheduler {
  let running: Promise<TickReport> | undefined;

  const tick = (): Promise<TickReport> => {
    // A manual tick during a cron tick joins it instead of overlapping.
    running ??= runTick(deps).finally(() => (running = undefined));
    return running;
  };

  const task = cron.schedule(
    deps.cron,
    async () => {
      try {
        const report = await tick();
        if (report.polled || report.failed || report.sent || report.reminders) deps.log.info({ ...report }, "lifecycle tick");
      } catch (error) {
        deps.log.error({ err: error }, "lifecycle tick failed");
      }
    },
    { name: "lifecycle", noOverlap: true },
  );

  return {
    tick,
    async stop() {
      await task.destroy();
      await running?.catch(() => undefined);
    },
  };
}

async function runTick(deps: LifecycleSchedulerDeps): Promise<TickReport> {
  const started = performance.now();
  const cycle = await deps.lifecycle.runCycle({ concurrency: deps.concurrency, leaseMs: deps.leaseMs ?? 5 * 60_000 });
  // Polling first: an eSIM that went into use this tick gets no reminder. A failure here must not hold up the outbox.
  const reminders = await deps.recordReminders().catch((error: unknown) => {
    deps.log.error({ err: error }, "recording reminders failed");
    return 0;
  });
  const sent = await deps.notifications.drain();
  const sweptConversations = await deps.sweepConversations();
  return { ...cycle, reminders, sent, sweptConversations, ms: Math.round(performance.now() - started) };
}
