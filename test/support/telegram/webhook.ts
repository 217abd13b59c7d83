/**
 * Webhook mode: while a webhook is set, queued updates are POSTed to it one
 * at a time (with the X-Telegram-Bot-Api-Secret-Token header when a secret
 * was set); a 2xx answer confirms the update, anything else is retried with
 * a short backoff and reported by getWebhookInfo, as Telegram does. A JSON
 * answer carrying `method` is executed as a Bot API call (a webhook reply).
 * Plain http:// URLs are accepted so tests can use local servers.
 */
import { request as httpRequest, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Update } from "grammy/types";
import { isObject, type JsonObject } from "./params.ts";
import type { UpdateQueue } from "./update-queue.ts";

/** A webhook as setWebhook configured it. */
export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
}

/** The last failed delivery, for getWebhookInfo. */
export interface WebhookError {
  date: number;
  message: string;
}

/** Executes a webhook reply `{ method, ...params }`. */
export type WebhookReplyHandler = (method: string, params: JsonObject) => void;

type Delivery = { ok: true; reply?: JsonObject } | { ok: false; message: string };

const MAX_RETRY_DELAY_MS = 1000;
const DELIVERY_TIMEOUT_MS = 60_000;

/** Delivers the queue to the configured webhook. */
export class WebhookDelivery {
  #config: WebhookConfig | undefined;
  #busy = false;
  #closed = false;
  #inFlight: ClientRequest | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelayMs = 50;
  /** The last failed delivery, if any. */
  lastError: WebhookError | undefined;

  /**
   * @param queue the updates to deliver
   * @param onReply runs a method returned in a webhook response
   * @param nowSeconds the emulator's clock, for `last_error_date`
   */
  constructor(
    private readonly queue: UpdateQueue,
    private readonly onReply: WebhookReplyHandler,
    private readonly nowSeconds: () => number,
  ) {}

  /** The webhook, if one is set. */
  get config(): WebhookConfig | undefined {
    return this.#config;
  }

  /** Sets (or, with undefined, deletes) the webhook and starts delivering. */
  configure(config: WebhookConfig | undefined): void {
    this.#config = config;
    this.lastError = undefined;
    this.#retryDelayMs = 50;
    clearTimeout(this.#retryTimer);
    this.kick();
  }

  /** Starts delivering pending updates if a webhook is set and no delivery is running. */
  kick(): void {
    if (this.#busy || this.#closed || !this.#config) return;
    void this.#drain();
  }

  /** Stops delivering and aborts a delivery in flight. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#inFlight?.destroy();
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    try {
      for (;;) {
        const config = this.#config;
        const update = this.queue.pending[0];
        if (!config || !update || this.#closed) return;
        if (this.queue.handOut([update]).lost) continue;
        const outcome = await this.#post(config, update);
        if (this.#closed || config !== this.#config) continue;
        if (!outcome.ok) {
          this.lastError = { date: this.nowSeconds(), message: outcome.message };
          this.#retryTimer = setTimeout(() => this.kick(), this.#retryDelayMs);
          this.#retryTimer.unref();
          this.#retryDelayMs = Math.min(this.#retryDelayMs * 2, MAX_RETRY_DELAY_MS);
          return;
        }
        this.#retryDelayMs = 50;
        this.queue.confirm(update.update_id + 1);
        const method = outcome.reply?.method;
        if (outcome.reply && typeof method === "string") {
          const { method: _method, ...params } = outcome.reply;
          this.onReply(method, params);
        }
      }
    } finally {
      this.#busy = false;
    }
  }

  #post(config: WebhookConfig, update: Update): Promise<Delivery> {
    return new Promise<Delivery>((resolve) => {
      const body = JSON.stringify(update);
      const headers: Record<string, string | number> = {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      };
      if (config.secretToken) headers["x-telegram-bot-api-secret-token"] = config.secretToken;
      const send = config.url.startsWith("https:") ? httpsRequest : httpRequest;
      // agent: false opens a fresh connection per delivery, so no pooled socket outlives close().
      const request = send(config.url, { method: "POST", headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => resolve({ ok: false, message: error.message }));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) {
            resolve({ ok: false, message: `Wrong response from the webhook: ${status} ${response.statusMessage ?? ""}`.trim() });
            return;
          }
          resolve({ ok: true, reply: parseReply(Buffer.concat(chunks)) });
        });
      });
      this.#inFlight = request;
      request.setTimeout(DELIVERY_TIMEOUT_MS, () => request.destroy(new Error("Read timeout expired")));
      request.on("error", (error) => resolve({ ok: false, message: error.message || "Connection failed" }));
      request.on("close", () => {
        if (this.#inFlight === request) this.#inFlight = undefined;
      });
      request.end(body);
    });
  }
}

function parseReply(body: Buffer): JsonObject | undefined {
  if (body.length === 0) return undefined;
  try {
    const value = JSON.parse(body.toString("utf8")) as unknown;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
