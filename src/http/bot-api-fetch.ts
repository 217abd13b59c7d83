/**
 * grammY's `client.fetch` over undici's request API. grammY's default on
 * Node is node-fetch over node:http, which a profile of the /start burst
 * showed as the largest single cost per update after the garbage collector;
 * undici's request path does the same round trip with a fraction of the
 * allocations. grammY reads only `json()` of the answer (the Bot API always
 * answers JSON; anything else fails to parse and becomes grammY's HttpError,
 * as with node-fetch). Hand-written: undici ships `fetch`, but its WHATWG
 * streams cost more than node-fetch does here.
 *
 * A sent or edited message comes back without the parts that only echo what
 * the bot sent (see {@link ECHOED}).
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

  async json(): Promise<unknown> {
    return withoutEcho(await this.answer.body.json());
  }
}

/**
 * What Telegram's answer to a send or an edit repeats of the bot's own call:
 * its keyboard, the entities of its formatted text, and the bot as sender.
 * The shop reads only what a sent message is (its id, chat and content). The
 * conversations plugin stores every answer a conversation's calls get in the
 * conversation's state, which is parsed and written again on every step, and
 * the echo (keyboards above all) was over a third of a search step's state. Dropped
 * here because this fetch is the one place below that plugin's record: the
 * plugin gives each conversation its own Api with this client, so a
 * transformer on the bot's Api never sees those calls.
 */
const ECHOED = ["reply_markup", "entities", "caption_entities", "from", "link_preview_options"] as const;

/** The Bot API's answer with a sent message's echo left out; any other answer as it came. */
function withoutEcho(answer: unknown): unknown {
  const result = (answer as { result?: unknown } | null)?.result;
  if (isSentMessage(result)) for (const key of ECHOED) delete result[key];
  return answer;
}

/** A single message (the answer to a send or an edit); updates come as an array, other answers have no message id. */
function isSentMessage(result: unknown): result is Record<string, unknown> {
  return typeof result === "object" && result !== null && "message_id" in result && "chat" in result;
}
