/**
 * Observes the bot's replies in many chats at once through the emulator's
 * call listener: a simulated user registers what reply it expects in its
 * chat before queueing an update, and gets the moment the emulator answered
 * that call. Replies are matched per chat, oldest expectation first.
 */
import { performance } from "node:perf_hooks";
import type { RecordedCall } from "../../test/support/telegram/call-log.ts";
import type { TelegramEmulator } from "../../test/support/telegram/emulator.ts";

/** Which call counts as the reply. */
export type ReplyMatch = (call: RecordedCall) => boolean;

interface Expectation {
  match: ReplyMatch;
  resolve(at: number): void;
}

/** A call of `method` (to the chat) whose text or caption contains `fragment`, if one is given. */
export function replyOf(method: string, fragment?: string): ReplyMatch {
  return (call) => {
    if (call.method !== method) return false;
    if (fragment === undefined) return true;
    const text = call.params.text ?? call.params.caption;
    return typeof text === "string" && text.includes(fragment);
  };
}

/** Watches one emulator; `close()` it when done. */
export class ReplyWatch {
  readonly #byChat = new Map<number, Expectation[]>();
  /** Bot API calls the emulator refused, by "method: description". */
  readonly refused = new Map<string, number>();
  readonly #stopListening: () => void;

  /** @param replyTimeoutMs how long an expected reply may take before its wait rejects */
  constructor(
    emulator: TelegramEmulator,
    private readonly replyTimeoutMs: number,
  ) {
    this.#stopListening = emulator.onCall((call) => this.#heard(call));
  }

  /**
   * Resolves with `performance.now()` at the moment the emulator answered the
   * first call matching `match` in `chatId` after this expectation (and any
   * earlier one in that chat) was registered. Register before queueing the update.
   */
  reply(chatId: number, match: ReplyMatch): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        const list = this.#byChat.get(chatId);
        const index = list?.indexOf(expectation) ?? -1;
        if (index >= 0) list!.splice(index, 1);
        reject(new Error(`no reply in chat ${chatId} within ${this.replyTimeoutMs} ms`));
      }, this.replyTimeoutMs);
      // After an interrupted run, waits left behind must not hold the process open.
      timer.unref();
      const expectation: Expectation = {
        match,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
      const list = this.#byChat.get(chatId);
      if (list) list.push(expectation);
      else this.#byChat.set(chatId, [expectation]);
    });
  }

  /** Stops listening. */
  close(): void {
    this.#stopListening();
  }

  #heard(call: RecordedCall): void {
    const at = performance.now();
    if (call.response && !call.response.ok) {
      const key = `${call.method}: ${call.response.description}`;
      this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
      return;
    }
    const chatId = Number(call.params.chat_id);
    const list = Number.isFinite(chatId) ? this.#byChat.get(chatId) : undefined;
    if (!list) return;
    const index = list.findIndex((expectation) => expectation.match(call));
    if (index < 0) return;
    const [expectation] = list.splice(index, 1);
    if (list.length === 0) this.#byChat.delete(chatId);
    expectation!.resolve(at);
  }
}
