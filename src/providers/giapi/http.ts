/**
 * JSON over HTTP for the generic API: one undici Pool with timeouts, undici's
 * RetryAgent for safe methods only (GET; a POST is never repeated here: the
 * fulfilment job settles unknown outcomes by looking the order up), and every
 * failure mapped to the provider port's typed errors.
 */
import { Pool, RetryAgent, errors as undiciErrors, type Dispatcher } from "undici";
import type { z } from "zod";
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderUnavailableError,
  type ProviderError,
} from "../errors.ts";
import { wireError } from "./wire.ts";

/** Connection settings of the JSON client. */
export interface JsonHttpOptions {
  baseUrl: string;
  apiKey: string;
  /** Per request: connect, headers and body timeouts. Default 12 s. */
  timeoutMs?: number;
  /** Extra attempts for GET requests on network errors, 429 and 5xx. Default 2. */
  getRetries?: number;
}

/** A small JSON client bound to one provider origin. */
export class JsonHttpClient {
  readonly #pool: Pool;
  readonly #dispatcher: Dispatcher;
  readonly #basePath: string;
  readonly #apiKey: string;

  constructor(options: JsonHttpOptions) {
    const base = new URL(options.baseUrl);
    const timeout = options.timeoutMs ?? 12_000;
    this.#pool = new Pool(base.origin, {
      connect: { timeout },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connections: 32,
    });
    this.#dispatcher = new RetryAgent(this.#pool, {
      maxRetries: options.getRetries ?? 2,
      minTimeout: 250,
      maxTimeout: 2_000,
      methods: ["GET"],
    });
    this.#basePath = base.pathname.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
  }

  /** GETs `path` and validates the JSON body with `schema`. */
  get<T>(path: string, schema: z.ZodType<T>, query?: Record<string, string | undefined>): Promise<T> {
    return this.#send("GET", path, schema, undefined, query);
  }

  /** POSTs a JSON body to `path` and validates the JSON response with `schema`. */
  post<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    return this.#send("POST", path, schema, body);
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  async #send<T>(
    method: "GET" | "POST",
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    query?: Record<string, string | undefined>,
  ): Promise<T> {
    const what = `${method} ${path}`;
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#dispatcher.request({
        method,
        path: this.#basePath + path + queryString(query),
        headers: {
          accept: "application/json",
          authorization: `Bearer ${this.#apiKey}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw mapTransportError(what, error);
    }
    const text = await response.body.text().catch((error: unknown) => {
      throw new ProviderUnavailableError(`${what}: response body was cut off`, response.statusCode, { cause: error });
    });
    if (response.statusCode >= 400) throw mapStatus(what, response.statusCode, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ProviderResponseError(`${what}: response is not JSON`, response.statusCode, { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProviderResponseError(
        `${what}: unexpected response (${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"})`,
        response.statusCode,
      );
    }
    return parsed.data;
  }
}

function queryString(query?: Record<string, string | undefined>): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function mapStatus(what: string, status: number, body: string): ProviderError {
  const detail = errorDetail(body);
  const message = `${what}: HTTP ${status}${detail ? ` ${detail}` : ""}`;
  if (status === 401 || status === 403) return new ProviderAuthError(message, status);
  if (status === 404) return new ProviderNotFoundError(message, status);
  if (status === 408 || status === 429 || status >= 500) return new ProviderUnavailableError(message, status);
  return new ProviderRejectedError(message, status);
}

function errorDetail(body: string): string {
  try {
    const parsed = wireError.safeParse(JSON.parse(body));
    return parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : "";
  } catch {
    return "";
  }
}

function mapTransportError(what: string, error: unknown): ProviderError {
  // RetryAgent gives up on a retryable status with RequestRetryError; keep its status.
  if (error instanceof undiciErrors.RequestRetryError) {
    return mapStatus(what, error.statusCode, typeof error.data === "string" ? error.data : "");
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ProviderUnavailableError(`${what}: ${reason}`, undefined, { cause: error });
}
