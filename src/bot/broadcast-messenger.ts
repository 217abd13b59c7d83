/**
 * Broadcasts over the Bot API: each traveller's copy, classified by what
 * Telegram answered (see SendOutcome), and the operator's progress message
 * and final tally. Sent through the throttled background Api, which also
 * retries flood waits (429) a few times before a refusal reaches the sender.
 */
import type { I18n } from "@grammyjs/i18n";
import { GrammyError, type Api, type Context } from "grammy";
import type { BroadcastContent, BroadcastTally } from "../domain/broadcast.ts";
import { settledCount } from "../domain/broadcast.ts";
import type {
  Broadcast,
  BroadcastMessenger,
  BroadcastProgress,
  BroadcastRecipient,
  SendOutcome,
} from "../services/operator/broadcast-sender.ts";
import { RecipientUnreachableError } from "../services/ports.ts";
import { sendBroadcastMessage } from "./broadcast-message.ts";
import { sendToUser } from "./send-to-user.ts";
import { isNotModified } from "./view.ts";
import type { Translate } from "./view-locale.ts";

/** BroadcastMessenger over the Bot API. */
export class TelegramBroadcastMessenger implements BroadcastMessenger {
  constructor(
    private readonly api: Api,
    private readonly i18n: I18n<Context>,
  ) {}

  async deliver(content: BroadcastContent, recipient: BroadcastRecipient): Promise<SendOutcome> {
    try {
      await sendToUser(() => sendBroadcastMessage(this.api, recipient.chatId, content, this.#t(recipient.language)));
      return { kind: "sent" };
    } catch (error) {
      return sendOutcomeOf(error);
    }
  }

  async showProgress({ broadcast, tally, finished }: BroadcastProgress): Promise<number> {
    const t = this.#t(broadcast.languageCode);
    const figures = { done: settledCount(tally), total: broadcast.recipients, sent: tally.sent, blocked: tally.blocked, failed: tally.failed };
    const text = finished ? t("broadcast-progress-finished", figures) : t("broadcast-progress", figures);
    const messageId = broadcast.progressMessageId;
    if (messageId !== null) {
      try {
        await this.api.editMessageText(broadcast.operatorChatId, messageId, text);
        return messageId;
      } catch (error) {
        if (isNotModified(error)) return messageId;
        // Deleted or too old to edit: post a new one.
        if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
      }
    }
    return (await this.api.sendMessage(broadcast.operatorChatId, text)).message_id;
  }

  async postTally(broadcast: Broadcast, tally: BroadcastTally): Promise<void> {
    const t = this.#t(broadcast.languageCode);
    const text = t("broadcast-tally", { sent: tally.sent, blocked: tally.blocked, failed: tally.failed, skipped: tally.skipped });
    await this.api.sendMessage(broadcast.operatorChatId, text, { parse_mode: "HTML" });
  }

  #t(locale: string): Translate {
    return (key, variables) => this.i18n.t(locale, key, variables);
  }
}

/**
 * What Telegram's answer means for a delivery: 403, the traveller blocked the
 * bot; 429, Telegram refused the send (it may be sent again); any other
 * answer or none at all, failed for good — a 5xx or a lost connection may
 * still have delivered it, so it is never sent again.
 */
export function sendOutcomeOf(error: unknown): SendOutcome {
  if (error instanceof RecipientUnreachableError) return { kind: "blocked", reason: error.message };
  if (error instanceof GrammyError && error.error_code === 429) {
    const retryAfter = error.parameters.retry_after;
    return { kind: "refused", reason: error.description, retryAfterMs: retryAfter === undefined ? null : retryAfter * 1000 };
  }
  if (error instanceof GrammyError) return { kind: "failed", reason: `${error.error_code}: ${error.description}` };
  return { kind: "failed", reason: `no answer from Telegram: ${error instanceof Error ? error.message : String(error)}` };
}
