/**
 * The context class of the bot's updates: grammY's, plus `log`, a child of
 * the bot's logger bound to the update's id, made on first use only (most
 * updates log nothing, and a pino child costs its bindings' serialisation
 * and redaction on every update otherwise).
 */
import { Context } from "grammy";
import type { Logger } from "../services/logger.ts";

/** A Context class whose `log` is the update's child of `log`. */
export function contextWithLogger(log: Logger): typeof Context {
  return class UpdateContext extends Context {
    #log: Logger | undefined;

    /** The update's logger (bound to its update_id). */
    get log(): Logger {
      return (this.#log ??= log.child({ updateId: this.update.update_id }));
    }
  };
}
