/**
 * The running app as one ordered list of parts (the database, the provider,
 * the loops, the servers, Telegram polling): started in order, stopped in
 * reverse, so nothing stops before what depends on it. When a part fails to
 * start, everything started before it is stopped again.
 */
import type { Logger } from "../services/logger.ts";

/** One piece of the running app. */
export interface Part {
  /** For logs, e.g. "fulfilment loop". */
  readonly name: string;
  /**
   * Starts the part. A start that may wait long (e.g. for Telegram to be
   * reachable) gives up when `signal` aborts: the app is being stopped.
   */
  start(signal: AbortSignal): void | Promise<void>;
  stop(): void | Promise<void>;
}

/** The parts started so far, in order. */
export class Parts {
  readonly #started: Part[] = [];
  readonly #stopping = new AbortController();
  #stopped = false;

  constructor(private readonly log: Logger) {}

  /**
   * Opens a resource as a part (`open` is its start, `close` its stop) and
   * returns it, e.g. the database, which later parts are built on.
   */
  async open<T>(name: string, open: () => Promise<T>, close: (resource: T) => Promise<void>): Promise<T> {
    const box: { resource?: T } = {};
    const stop = () => (box.resource === undefined ? undefined : close(box.resource));
    await this.start({ name, start: async () => void (box.resource = await open()), stop });
    if (box.resource === undefined) throw new Error(`${name} opened nothing`);
    return box.resource;
  }

  /** Starts `parts` in order. If one fails, stops every part started so far, last first, and rethrows. */
  async start(...parts: Part[]): Promise<void> {
    for (const part of parts) {
      if (this.#stopped) throw new Error(`cannot start ${part.name}: the app was stopped`);
      try {
        await part.start(this.#stopping.signal);
      } catch (error) {
        await this.stop();
        throw error;
      }
      this.#started.push(part);
    }
  }

  /**
   * Stops every started part, last first; a part that fails to stop is
   * logged and the rest still stop. A part still starting is told to give up.
   * Safe to call twice.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping.abort(new Error("the app is stopping"));
    for (let part = this.#started.pop(); part; part = this.#started.pop()) {
      try {
        await part.stop();
      } catch (error) {
        this.log.error({ err: error, part: part.name }, "a part failed to stop");
      }
    }
  }
}
