/**
 * Readiness for /healthz: whether this instance can serve travellers now —
 * the database answers, and the provider answers — and whether it is
 * stopping. Each check has a time limit, and a result is reused for a few
 * seconds so that frequent probes (a load balancer's, Docker's) do not
 * hammer the provider.
 */

/** One check: resolves when the thing is reachable, throws (or hangs) when not. */
export type ReadinessCheck = () => Promise<unknown>;

/** What /healthz reports. */
export interface ReadinessReport {
  /** True when every check passed and the instance is not stopping. */
  ready: boolean;
  status: "ok" | "unavailable" | "stopping";
  /** Per check: "ok", or why not. */
  checks: Record<string, string>;
}

/** Options of {@link Readiness}. */
export interface ReadinessOptions {
  checks: Record<string, ReadinessCheck>;
  /** A check that has not answered by then counts as unreachable. Default 5 s. */
  timeoutMs?: number;
  /** How long a report is reused. Default 5 s. */
  cacheMs?: number;
  now: () => Date;
}

/** The instance's readiness. */
export class Readiness {
  #stopping = false;
  #last: { at: number; report: Promise<ReadinessReport> } | undefined;

  constructor(private readonly options: ReadinessOptions) {}

  /** From now on the instance reports that it is stopping (503), so traffic goes elsewhere. */
  markStopping(): void {
    this.#stopping = true;
  }

  /** Runs the checks (or reuses a recent run). */
  async report(): Promise<ReadinessReport> {
    const at = this.options.now().getTime();
    if (!this.#last || at - this.#last.at >= (this.options.cacheMs ?? 5_000)) this.#last = { at, report: this.#run() };
    const report = await this.#last.report;
    return this.#stopping ? { ...report, ready: false, status: "stopping" } : report;
  }

  async #run(): Promise<ReadinessReport> {
    const entries = await Promise.all(Object.entries(this.options.checks).map(async ([name, check]) => [name, await this.#outcome(check)] as const));
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, outcome]) => outcome === "ok");
    return { ready, status: ready ? "ok" : "unavailable", checks };
  }

  async #outcome(check: ReadinessCheck): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs)));
    try {
      return await Promise.race([
        check().then(
          () => "ok",
          (error: unknown) => `unreachable: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
