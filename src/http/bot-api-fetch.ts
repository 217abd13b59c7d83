/**
 * grammY's `client.fetch` over undici's request API. grammY's default on
 * Node is node-fetch over node:http, which a profile of the /start burst
 * showed as the largest single cost per update after the garbage collector;
 * undici's request path does the same round trip with a fraction of the
 * allocations. grammY reads only `json()` of the answer (the Bot API always
 * answers JSON; anything else fails to parse and becomes grammY's HttpError,
 * as with node-fetch). Hand-written: undici ships `fetch`, but its WHATWG
 * streams cost more than node-fetch does here.
 */
import type { Readable } from "node:stream";
import { request, type Dispatcher } from "undici";

/** A `fetch` for grammY's API client that sends every call through `dispatcher` (a keep-alive undici Agent). */
export function botApiFetch(dispatcher: Dispatcher): typeof fetch {
  const call = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const answer = await request(typeof input === "string" || input instanceof URL ? input : input.url, {
      dispatcher,
      method: (init?.method ?? "GET") as Dispatcher.HttpMethod,
      headers: init?.headers as Record<string, string> | undefined,
      // grammY sends a JSON string, or a multipart Readable stream for files.
      body: init?.body as string | Readable | null | undefined,
      signal: init?.signal ?? undefined,
    });
    return new BotApiAnswer(answer) as unknown as Response;
  };
  return call as typeof fetch;
}

/**
 * The part of a Response grammY reads. A class rather than an object literal
 * with an arrow: tsx names every such arrow at run time (Object.defineProperty
 * per call), which showed in the profile of every Bot API call.
 */
class BotApiAnswer {
  readonly ok: boolean;
  readonly status: number;

  constructor(private readonly answer: Dispatcher.ResponseData) {
    this.ok = answer.statusCode < 300;
    this.status = answer.statusCode;
  }

  json(): Promise<unknown> {
    return this.answer.body.json();
  }
}
