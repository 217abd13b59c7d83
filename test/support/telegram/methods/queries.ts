/** Answers to callback and inline queries. */
import { badRequest, invalidQueryId } from "../api-error.ts";
import { isObject } from "../params.ts";
import type { CallbackAnswer } from "../state.ts";
import type { MethodTable } from "./method.ts";

const MAX_INLINE_RESULTS = 50;

/** Handlers for query answers. Each query can be answered once, as on Telegram. */
export const queryMethods: MethodTable = {
  answerCallbackQuery: ({ params, state }) => {
    const entry = state.callbackQueries.get(params.string("callback_query_id"));
    if (!entry || entry.answer) throw invalidQueryId();
    const answer: CallbackAnswer = {};
    const text = params.optionalString("text");
    if (text !== undefined) {
      if (text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
      answer.text = text;
    }
    const showAlert = params.optionalBool("show_alert");
    if (showAlert !== undefined) answer.show_alert = showAlert;
    const url = params.optionalString("url");
    if (url !== undefined) answer.url = url;
    const cacheTime = params.optionalInt("cache_time");
    if (cacheTime !== undefined) answer.cache_time = cacheTime;
    entry.answer = answer;
    state.signal.notify();
    return true;
  },

  answerInlineQuery: ({ params, state }) => {
    const entry = state.inlineQueries.get(params.string("inline_query_id"));
    if (!entry || entry.answer) throw invalidQueryId();
    const results = params.array("results");
    if (results.length > MAX_INLINE_RESULTS) throw badRequest("RESULTS_TOO_MUCH");
    const ids = new Set<string>();
    for (const result of results) {
      if (!isObject(result) || typeof result.type !== "string" || typeof result.id !== "string") {
        throw badRequest("can't parse InlineQueryResult: type and id are required");
      }
      const idBytes = Buffer.byteLength(result.id, "utf8");
      if (idBytes < 1 || idBytes > 64) throw badRequest("RESULT_ID_INVALID");
      if (ids.has(result.id)) throw badRequest("RESULT_ID_DUPLICATE");
      ids.add(result.id);
    }
    entry.answer = { results, params: { ...params.raw } };
    state.signal.notify();
    return true;
  },
};
