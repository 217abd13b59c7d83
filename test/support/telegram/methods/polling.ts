/** getUpdates and the webhook methods. */
import { badRequest, BotApiError } from "../api-error.ts";
import type { EmulatorState } from "../state.ts";
import type { MethodTable } from "./method.ts";

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/** Handlers for receiving updates. */
export const pollingMethods: MethodTable = {
  getUpdates: ({ params, state, onAbandon }) => {
    if (state.webhook?.config) {
      throw new BotApiError({
        error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
    }
    const limit = params.optionalInt("limit") ?? 100;
    const timeoutSeconds = params.optionalInt("timeout") ?? 0;
    const offset = params.optionalInt("offset");
    return state.queue.poll(
      { limit: Math.min(Math.max(limit, 1), 100), timeoutSeconds: Math.max(timeoutSeconds, 0), ...(offset === undefined ? {} : { offset }) },
      onAbandon,
    );
  },

  setWebhook: ({ params, state }) => {
    const url = params.string("url", { allowEmpty: true });
    const secretToken = params.optionalString("secret_token");
    if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    if (params.optionalBool("drop_pending_updates")) state.queue.dropPending();
    if (url === "") {
      requireWebhook(state).configure(undefined);
      return true;
    }
    if (!isWebhookUrl(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    state.queue.terminateHeld("terminated by setWebhook request");
    const allowedUpdates = params.optionalArray("allowed_updates");
    requireWebhook(state).configure({
      url,
      maxConnections: params.optionalInt("max_connections") ?? 40,
      ...(secretToken === undefined ? {} : { secretToken }),
      ...(allowedUpdates === undefined ? {} : { allowedUpdates: allowedUpdates.map(String) }),
    });
    return true;
  },

  deleteWebhook: ({ params, state }) => {
    if (params.optionalBool("drop_pending_updates")) state.queue.dropPending();
    state.webhook?.configure(undefined);
    return true;
  },

  getWebhookInfo: ({ state }) => {
    const config = state.webhook?.config;
    const lastError = state.webhook?.lastError;
    return {
      url: config?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: state.queue.pending.length,
      ...(config ? { max_connections: config.maxConnections } : {}),
      ...(config?.allowedUpdates ? { allowed_updates: config.allowedUpdates } : {}),
      ...(lastError ? { last_error_date: lastError.date, last_error_message: lastError.message } : {}),
    };
  },
};

function requireWebhook(state: EmulatorState): NonNullable<EmulatorState["webhook"]> {
  if (!state.webhook) throw new Error("webhook delivery is not installed");
  return state.webhook;
}

/** HTTPS as on Telegram, plus plain HTTP so tests can point the webhook at a local server. */
function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
