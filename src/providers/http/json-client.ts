/**
 * JSON over HTTP for every upstream provider: one undici Pool with timeouts,
 * undici's RetryAgent for safe methods only (GET; a POST is never repeated
 * here: the fulfilment job settles unknown outcomes by looking the order up),
 * bearer auth, zod-validated bodies, response headers for APIs that paginate
 * in headers, and every failure mapped to the provider port's typed errors.
 */
import { Pool, RetryAgent, errors as undiciErrors, type Dispatcher } from "undici";
import { z } from "zod";
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderUnavailableError,
  type ProviderError,
} from "../errors.ts";

/** The part of an error body the client reads: `{"error": {"code", "message"}}` (extra keys ignored). */
export const wireErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** Query parameters; undefined values are left out. */
export type Query = Readonly<Record<string, string | undefined>>;

/** Connection settings of the JSON client. */
export interface JsonHttpOptions {
  /** API root, e.g. "https://api.example.com" (a path prefix is kept). */
  baseUrl: string;
  apiKey: string;
  /** Per request: connect, headers and body timeouts. Default 12 s. */
  timeoutMs?: number;
  /** Extra attempts for GET requests on network errors, 429 and 5xx. Default 2. */
  getRetries?: number;
  /** First retry delay, doubled on each retry (at most 2 s). Default 250 ms. */
  retryDelayMs?: number;
  /** Names the provider in error messages, e.g. "octopus". Default "the provider". */
  providerName?: string;
}

/** A validated response with its (lower-cased) headers. */
export interface JsonResponse<T> {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: T;
}

/** A small JSON client bound to one provider origin. */
export class JsonHttpClient {
  readonly #pool: Pool;
  readonly #dispatcher: Dispatcher;
  readonly #basePath: string;
  readonly #apiKey: string;
  readonly #providerName: string;

  constructor(options: JsonHttpOptions) {
    const base = new URL(options.baseUrl);
    const timeout = options.timeoutMs ?? 12_000;
    this.#pool = new Pool(base.origin, {
      connect: { timeout },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connections: 128,
    });
    this.#dispatcher = new RetryAgent(this.#pool, {
      maxRetries: options.getRetries ?? 2,
      minTimeout: options.retryDelayMs ?? 250,
      maxTimeout: 2_000,
      methods: ["GET"],
    });
    this.#basePath = base.pathname.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
    this.#providerName = options.providerName ?? "the provider";
  }

  /** GETs `path` and validates the JSON body with `schema`. */
  async get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T> {
    return (await this.#send("GET", path, schema, undefined, query)).body;
  }

  /** GETs `path` and returns the validated body with the response headers (for header pagination). */
  getWithHeaders<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<JsonResponse<T>> {
    return this.#send("GET", path, schema, undefined, query);
  }

  /** POSTs a JSON body to `path` and validates the JSON response with `schema`. */
  async post<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    return (await this.#send("POST", path, schema, body)).body;
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
    query?: Query,
  ): Promise<JsonResponse<T>> {
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
      throw this.#transportError(what, error);
    }
    const text = await response.body.text().catch((error: unknown) => {
      throw new ProviderUnavailableError(`${what}: response body was cut off`, response.statusCode, { cause: error });
    });
    if (response.statusCode >= 400) throw this.#statusError(what, response.statusCode, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ProviderResponseError(`${what}: response is not JSON`, response.statusCode, { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problem = describeIssue(parsed.error);
      throw new ProviderResponseError(`${what}: unexpected response (${problem})`, response.statusCode);
    }
    return { status: response.statusCode, headers: flattenHeaders(response.headers), body: parsed.data };
  }

  #statusError(what: string, status: number, body: string): ProviderError {
    const detail = errorDetail(body);
    const http = `HTTP ${status}${detail ? ` ${detail}` : ""}`;
    if (status === 401 || status === 403) {
      // The operator reads this in the logs: say plainly which setting is wrong.
      return new ProviderAuthError(`${this.#providerName} refused the API key (${what}: ${http})`, status);
    }
    const message = `${what}: ${http}`;
    if (status === 404) return new ProviderNotFoundError(message, status);
    if (status === 408 || status === 429 || status >= 500) return new ProviderUnavailableError(message, status);
    return new ProviderRejectedError(message, status);
  }

  #transportError(what: string, error: unknown): ProviderError {
    // RetryAgent gives up on a retryable status with RequestRetryError; keep its status.
    if (error instanceof undiciErrors.RequestRetryError) return this.#statusError(what, error.statusCode, "");
    const reason = error instanceof Error ? error.message : String(error);
    return new ProviderUnavailableError(`${what}: ${reason}`, undefined, { cause: error });
  }
}

/** "path.to.field: what is wrong" for the first issue of a failed validation. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`;
}

function queryString(query?: Query): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function flattenHeaders(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function errorDetail(body: string): string {
  try {
    const parsed = wireErrorBody.safeParse(JSON.parse(body));
    return parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : "";
  } catch {
    return "";
  }
}
