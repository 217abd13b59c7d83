/**
 * A local Telegram Bot API server for tests. A bot under test points its
 * API root at `emulator.apiRoot`; the test acts as users (`emulator.user()`)
 * and asserts on what the bot sent, what the user sees, and every call made.
 *
 * ```ts
 * const telegram = await startTelegramEmulator();
 * const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
 * const alice = telegram.user({ first_name: "Alice" });
 * alice.send("/start");
 * await alice.waitForMessage("Welcome");
 * ```
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, Update, UserFromGetMe } from "grammy/types";
import { BotApiError, type ApiFailure, type ApiResponse, type InjectedError } from "./api-error.ts";
import type { CallPredicate, RecordedCall, WaitForCallOptions } from "./call-log.ts";
import type { ChatRecord, SentInvoice, VisibleMessage } from "./chats.ts";
import { commandsStorageKey } from "./methods/bot-settings.ts";
import { createMethodLookup, type ServedMethod } from "./methods/all-methods.ts";
import { Params, type JsonObject } from "./params.ts";
import { parseBotRequest, readBody, type ParsedRequest } from "./request-body.ts";
import { EmulatorState, type PaymentRecord } from "./state.ts";
import type { UpdateBuilder } from "./updates.ts";
import { TestUser, type TestUserOptions } from "./user.ts";
import { WebhookDelivery } from "./webhook.ts";

/** How to set up the emulated bot. */
export interface TelegramEmulatorOptions {
  /** The only token accepted (others get 401); "123:abc" by default. The bot id is its numeric prefix. */
  token?: string;
  /** "esim_test_bot" by default. */
  botUsername?: string;
  /** "eSIM Test Bot" by default. */
  botFirstName?: string;
  /** The first update_id; 1 by default. */
  firstUpdateId?: number;
}

/** Starts an emulator on 127.0.0.1 with an ephemeral port. */
export function startTelegramEmulator(options: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
  return TelegramEmulator.start(options);
}

/** A running emulator; see the module comment. Close it in afterEach/afterAll, after stopping the bot. */
export class TelegramEmulator {
  /** The token the emulator accepts. */
  readonly token: string;
  readonly #state: EmulatorState;
  readonly #server: Server;
  readonly #lookup: (name: string) => ServedMethod | undefined = createMethodLookup();
  readonly #callListeners = new Set<(call: RecordedCall) => void>();
  #port = 0;
  #closed = false;

  private constructor(options: TelegramEmulatorOptions) {
    this.token = options.token ?? "123:abc";
    this.#state = new EmulatorState(
      {
        token: this.token,
        username: options.botUsername ?? "esim_test_bot",
        firstName: options.botFirstName ?? "eSIM Test Bot",
      },
      options.firstUpdateId ?? 1,
    );
    this.#state.webhook = new WebhookDelivery(this.#state.queue, (method, params) => {
      void this.#dispatch(method, { params, files: {} }, () => undefined);
    });
    this.#server = createServer((request, response) => this.#onRequest(request, response));
  }

  /** Creates and starts an emulator (use {@link startTelegramEmulator}). */
  static async start(options: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
    const emulator = new TelegramEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.#server.once("error", reject);
      emulator.#server.listen(0, "127.0.0.1", () => resolve());
    });
    emulator.#port = (emulator.#server.address() as AddressInfo).port;
    return emulator;
  }

  /** The API root to give grammY (`client: { apiRoot }`), without a trailing slash. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** What getMe returns. */
  get botInfo(): UserFromGetMe {
    return this.#state.me;
  }

  /** Every call received, oldest first (getUpdates included). */
  get calls(): readonly RecordedCall[] {
    return this.#state.calls.all;
  }

  /** Calls to one method, oldest first. */
  callsTo(method: string): RecordedCall[] {
    return this.#state.calls.callsTo(method);
  }

  /** The index of the next call: pass it as `since` to wait only for calls made from now on. */
  mark(): number {
    return this.#state.calls.mark();
  }

  /**
   * Resolves with the first call to `method` matching `predicate` with index
   * ≥ `since` (0 by default, so a call made before the wait counts too).
   */
  waitForCall(method: string, predicate?: CallPredicate, options?: WaitForCallOptions): Promise<RecordedCall> {
    return this.#state.calls.waitForCall(method, predicate, options);
  }

  /**
   * Calls `listener` with every call once it is answered (its `response` set),
   * in the order answers go out. For observers of many chats at once (e.g.
   * benchmarks), where a wait per user would re-check every call. Returns a
   * function that removes the listener.
   */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.#callListeners.add(listener);
    return () => void this.#callListeners.delete(listener);
  }

  /**
   * Makes the next `times` calls to `method` fail with `error` instead of being
   * handled (nothing changes in the chats), e.g.
   * `failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } })`.
   */
  failNext(method: string, error: InjectedError, times = 1): void {
    this.#state.faults.failNext(method, error, times);
  }

  /** Drops faults queued by `failNext` that were not used. */
  clearFaults(): void {
    this.#state.faults.clear();
  }

  /** A user with a private chat with the bot; the same id returns a user sharing that chat. */
  user(options?: TestUserOptions): TestUser {
    return new TestUser(this.#state, options);
  }

  /** A chat the emulator knows (private chats of users, groups used by `sendInGroup`). */
  chat(chatId: number): ChatRecord | undefined {
    return this.#state.chats.get(chatId);
  }

  /** The bot's visible messages in a chat, oldest first. */
  messages(chatId: number): VisibleMessage[] {
    return this.#state.chats.get(chatId)?.botMessages() ?? [];
  }

  /** Builds updates with this emulator's update_id sequence (queue them with `enqueue`). */
  get updates(): UpdateBuilder {
    return this.#state.updates;
  }

  /** Queues any update for the bot. */
  enqueue(update: Update): Update {
    return this.#state.enqueue(update);
  }

  /** Delivers a queued update again with the same content and a new update_id (a duplicate delivery). */
  redeliver(updateId: number): Update {
    const original = this.#state.sentUpdates.get(updateId);
    if (!original) throw new Error(`No update ${updateId} was ever queued.`);
    return this.#state.enqueue(this.#state.updates.redelivery(original));
  }

  /** Updates the bot has not confirmed yet. */
  pendingUpdates(): readonly Update[] {
    return this.#state.queue.pending;
  }

  /**
   * Waits until the bot confirmed an update (a later getUpdates offset, or a
   * 2xx webhook answer). With `bot.start()` that happens after the batch was
   * handled; with the runner, when the next batch is fetched.
   */
  waitUntilConfirmed(updateId: number, timeoutMs = 5000): Promise<void> {
    return this.#state.signal.waitFor(
      () => (this.#state.queue.isConfirmed(updateId) ? true : undefined),
      timeoutMs,
      () => new Error(`Update ${updateId} was not confirmed within ${timeoutMs} ms.\nRecent calls:\n${this.#state.calls.describeRecent()}`),
    ).then(() => undefined);
  }

  /** Every invoice the bot sent, oldest first. */
  get invoices(): readonly SentInvoice[] {
    return this.#state.invoices;
  }

  /** Payments made by test users (with `refunded` set by refundStarPayment). */
  payments(): PaymentRecord[] {
    return [...this.#state.payments.values()];
  }

  /** The commands set for a scope and language (default scope, no language by default). */
  commands(scope?: JsonObject, languageCode?: string): BotCommand[] {
    return this.#state.commands.get(commandsStorageKey(scope, languageCode)) ?? [];
  }

  /** The menu button set for a chat, or the default one. */
  menuButton(chatId?: number): JsonObject {
    return this.#state.menuButtons.get(String(chatId ?? "default")) ?? { type: "default" };
  }

  /**
   * Stops the server: held polls are answered with no updates, webhook
   * delivery stops, pending waits reject, and every connection is closed.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#state.queue.close();
    this.#state.webhook?.close();
    this.#state.signal.close(new Error("The Telegram emulator was closed."));
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // Let the released polls' answers go out before the sockets are cut.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#server.closeAllConnections();
    await closed;
  }

  #onRequest(request: IncomingMessage, response: ServerResponse): void {
    this.#serve(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      writeJson(response, { ok: false, error_code: 500, description: `Internal Server Error: ${message}` });
    });
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const route = /^\/bot([^/]+)\/(?:test\/)?([^/]+)$/.exec(url.pathname);
    if (!route) {
      writeJson(response, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    if (decodeURIComponent(route[1] ?? "") !== this.token) {
      writeJson(response, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    const body = await readBody(request);
    let parsed: ParsedRequest;
    try {
      parsed = parseBotRequest(request.headers["content-type"], body, url.searchParams);
    } catch (error) {
      if (!(error instanceof BotApiError)) throw error;
      writeJson(response, error.toResponse());
      return;
    }
    let abandon: (() => void) | undefined;
    response.on("close", () => {
      if (!response.writableFinished) abandon?.();
    });
    const answer = await this.#dispatch(route[2] ?? "", parsed, (cancel) => {
      abandon = cancel;
    });
    writeJson(response, answer);
  }

  /**
   * Records the call, then answers it: an injected fault, 404 for an unknown
   * method, or the handler's result. Synchronous handlers complete in the same
   * tick as the record, so no test observes a half-handled call.
   */
  #dispatch(name: string, parsed: ParsedRequest, onAbandon: (cancel: () => void) => void): ApiResponse | Promise<ApiResponse> {
    const served = this.#lookup(name);
    const method = served?.name ?? name;
    const call = this.#state.calls.record(method, parsed.params, parsed.files);
    const finish = (answer: ApiResponse): ApiResponse => {
      this.#state.calls.complete(call, answer);
      for (const listener of this.#callListeners) listener(call);
      return answer;
    };
    const injected = this.#state.faults.take(method);
    if (injected) return finish({ ok: false, ...injected });
    if (!served) return finish({ ok: false, error_code: 404, description: "Not Found: method not found" });
    try {
      const result = served.handler({ params: new Params(parsed.params), files: parsed.files, state: this.#state, onAbandon });
      if (result instanceof Promise) {
        return result.then(
          (value: unknown) => finish({ ok: true, result: value }),
          (error: unknown) => finish(toFailure(error)),
        );
      }
      return finish({ ok: true, result });
    } catch (error) {
      return finish(toFailure(error));
    }
  }
}

function toFailure(error: unknown): ApiFailure {
  if (error instanceof BotApiError) return error.toResponse();
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error_code: 500, description: `Internal Server Error: the emulator failed: ${message}` };
}

function writeJson(response: ServerResponse, answer: ApiResponse): void {
  if (response.writableEnded || response.destroyed) return;
  const body = JSON.stringify(answer);
  response.writeHead(answer.ok ? 200 : answer.error_code, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}
