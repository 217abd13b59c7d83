/** The contract between the server and the Bot API method handlers. */
import type { UploadedFile } from "../call-log.ts";
import type { Params } from "../params.ts";
import type { EmulatorState } from "../state.ts";

/** One call as a handler sees it. */
export interface MethodCall {
  params: Params;
  files: Record<string, UploadedFile>;
  state: EmulatorState;
  /** Registers a cancel callback for when the client disconnects (long polls only). */
  onAbandon(cancel: () => void): void;
}

/**
 * Handles a method and returns its `result`, or throws a BotApiError.
 * Handlers answer synchronously (only getUpdates returns a promise), so a
 * call is recorded, handled and completed without other code running between.
 */
export type MethodHandler = (call: MethodCall) => unknown;

/** Handlers by canonical method name. */
export type MethodTable = Readonly<Record<string, MethodHandler>>;
