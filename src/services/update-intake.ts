/**
 * Accepting Telegram updates that arrive by webhook: each is checked for an
 * update_id and stored as pending (a redelivery changes nothing) before the
 * webhook is answered, so an update Telegram was told about is never lost.
 * The workers (update-workers.ts) handle it afterwards, on any instance.
 * Once closed (the instance is stopping) nothing more is accepted: the
 * webhook answers 503 and Telegram retries, reaching another instance.
 */
import type { IncomingUpdate } from "../db/inbound-updates-repository.ts";
import type { Logger } from "./logger.ts";
import { chatKeyOf } from "./update-chat-key.ts";

/** Where accepted updates go. */
export interface UpdateStore {
  /** Stores a pending update; false when it was stored before. */
  store(update: IncomingUpdate, now: Date): Promise<boolean>;
}

/** What became of an update given to {@link UpdateIntake.accept}. */
export type IntakeOutcome = "stored" | "duplicate" | "invalid" | "closed";

/** The intake of one instance. */
export class UpdateIntake {
  #open = true;

  constructor(
    private readonly deps: {
      store: UpdateStore;
      /** Called after a new update was stored (wakes this instance's workers). */
      onStored(): void;
      log: Logger;
      now: () => Date;
    },
  ) {}

  /** Whether updates are still accepted. */
  get open(): boolean {
    return this.#open;
  }

  /** Stops accepting updates (before the instance stops). */
  close(): void {
    this.#open = false;
  }

  /** Stores `update` (a parsed webhook body) as pending; resolves once the database has it. */
  async accept(update: unknown): Promise<IntakeOutcome> {
    if (!this.#open) return "closed";
    if (typeof update !== "object" || update === null || Array.isArray(update)) return "invalid";
    const fields = update as Record<string, unknown>;
    const updateId = fields.update_id;
    if (typeof updateId !== "number" || !Number.isSafeInteger(updateId) || updateId < 0) return "invalid";
    const stored = await this.deps.store.store({ updateId, chatKey: chatKeyOf(fields), payload: JSON.stringify(update) }, this.deps.now());
    if (!stored) {
      this.deps.log.debug({ updateId }, "update delivered again; already queued or handled");
      return "duplicate";
    }
    this.deps.onStored();
    return "stored";
  }
}
