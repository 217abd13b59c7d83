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
import type { BotCommand, StarTransaction, Update, UserFromGetMe } from "grammy/types";
import { BotApiError, ConnectionDropped, type ApiFailure, type ApiResponse } from "./api-error.ts";
import type { CallPredicate, RecordedCall, WaitForCallOptions } from "./call-log.ts";
import type { ChatRecord, SentInvoice, VisibleMessage } from "./chats.ts";
import type { FaultAnswer, FaultOptions, TakenFault } from "./faults.ts";
import { commandsStorageKey } from "./methods/bot-settings.ts";
import { createMethodLookup, type ServedMethod } from "./methods/all-methods.ts";
import { Params, type JsonObject } from "./params.ts";
import { parseBotRequest, readBody, type ParsedRequest } from "./request-body.ts";
import { EmulatorState, type PaymentRecord } from "./state.ts";
import type { EnqueueOptions } from "./update-queue.ts";
import type { UpdateBuilder } from "./updates.ts";
import { TestUser, type TestUserOptions } from "./user.ts";
import { WebhookDelivery } from "./webhook.ts";

/** Answers a call by closing its connection without a response (a "drop" fault, a `loseOnFetch` update). */
const DROPPED = Symbol("dropped");
/** How long an idle keep-alive connection stays open: longer than any test, so only close() ends them. */
const IDLE_CONNECTION_MS = 10 * 60_000;

/** What a call gets: a Bot API response, or no answer at all. */
type Answer = ApiResponse | typeof DROPPED;

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
  /**
   * The emulator's clock for every `date` it stamps (messages, edits, Star
   * transactions); the real time by default. Give it the bot's clock to move
   * both forward together.
   */
  now?: () => Date;
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
      options.now,
    );
    this.#state.webhook = new WebhookDelivery(
      this.#state.queue,
      (method, params) => {
        void this.#dispatch(method, { params, files: {} }, () => undefined);
      },
      () => this.#state.nowSeconds(),
    );
    this.#server = createServer((request, response) => this.#onRequest(request, response));
    // Node closes a keep-alive connection idle for 5 s; when a bot's request is already on its way in
    // (a loaded machine runs the timer first), the close answers it with a reset: "read ECONNRESET" or
    // "socket hang up" in the bot, a network failure no test asked for. Telegram keeps connections open;
    // so does the emulator, until close(). Tests that want a lost connection say so (failNext "drop").
    this.#server.keepAliveTimeout = IDLE_CONNECTION_MS;
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
   * Makes the next `times` calls to `method` fail with `answer` instead of
   * being handled (nothing changes in the chats), e.g.
   * `failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } })`.
   * `answer` "drop" closes the connection without a response. With
   * `{ applyFirst: true }` the call is handled first and its effect stays
   * (a refund made, a message sent): Telegram did it but the bot got an error.
   */
  failNext(method: string, answer: FaultAnswer, times = 1, options: FaultOptions = {}): void {
    this.#state.faults.failNext(method, answer, times, options);
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

  /**
   * Queues any update for the bot. With `{ confirmOnFetch: true }` the update
   * counts as confirmed once handed out (see {@link EnqueueOptions}).
   */
  enqueue(update: Update, options?: EnqueueOptions): Update {
    return this.#state.enqueue(update, options);
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

  /** The bot's Star transactions as getStarTransactions shows them, oldest first. */
  starTransactions(): StarTransaction[] {
    return this.#state.starLedger.all;
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
    if (answer === DROPPED) {
      response.destroy();
      return;
    }
    writeJson(response, answer);
  }

  /**
   * Records the call, then answers it: an injected fault (after handling the
   * call if the fault says `applyFirst`), 404 for an unknown method, the
   * handler's result, or DROPPED when the handler threw ConnectionDropped.
   * Synchronous handlers complete in the same tick as the record, so no test
   * observes a half-handled call.
   */
  #dispatch(name: string, parsed: ParsedRequest, onAbandon: (cancel: () => void) => void): Answer | Promise<Answer> {
    const served = this.#lookup(name);
    const method = served?.name ?? name;
    const call = this.#state.calls.record(method, parsed.params, parsed.files);
    const fault = this.#state.faults.take(method, parsed.params);
    if (fault && (!fault.applyFirst || !served)) return this.#answerFault(call, fault, false);
    if (!served) return this.#finish(call, { ok: false, error_code: 404, description: "Not Found: method not found" });
    const handled = this.#handle(served, parsed, onAbandon);
    const answer = (response: Answer): Answer => {
      if (fault) return this.#answerFault(call, fault, true);
      if (response !== DROPPED) return this.#finish(call, response);
      this.#state.calls.drop(call, true);
      this.#notifyListeners(call);
      return DROPPED;
    };
    return handled instanceof Promise ? handled.then(answer) : answer(handled);
  }

  #handle(served: ServedMethod, parsed: ParsedRequest, onAbandon: (cancel: () => void) => void): Answer | Promise<Answer> {
    try {
      const result = served.handler({ params: new Params(parsed.params), files: parsed.files, state: this.#state, onAbandon });
      if (result instanceof Promise) {
        return result.then((value: unknown): Answer => ({ ok: true, result: value }), toAnswer);
      }
      return { ok: true, result };
    } catch (error) {
      return toAnswer(error);
    }
  }

  #finish(call: RecordedCall, response: ApiResponse): ApiResponse {
    this.#state.calls.complete(call, response);
    this.#notifyListeners(call);
    return response;
  }

  #answerFault(call: RecordedCall, fault: TakenFault, applied: boolean): Answer {
    if (fault.answer === "drop") {
      this.#state.calls.drop(call, applied);
      this.#notifyListeners(call);
      return DROPPED;
    }
    const response: ApiFailure = { ok: false, ...fault.answer };
    this.#state.calls.complete(call, response, { applied, dropped: false });
    this.#notifyListeners(call);
    return response;
  }

  /** Tells `onCall` listeners about a call that got its answer (or was dropped). */
  #notifyListeners(call: RecordedCall): void {
    for (const listener of this.#callListeners) listener(call);
  }
}

function toAnswer(error: unknown): Answer {
  if (error instanceof ConnectionDropped) return DROPPED;
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
