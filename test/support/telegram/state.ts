/**
 * Everything one emulated bot account holds: chats, the update queue, the
 * call log, queries waiting for answers, invoices, payments, files and
 * settings. Method handlers and test users share it; one per emulator.
 */
import type {
  BotCommand,
  CallbackQuery,
  InlineQuery,
  PreCheckoutQuery,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { CallLog } from "./call-log.ts";
import { ChangeSignal } from "./change-signal.ts";
import { ChatStore, type SentInvoice } from "./chats.ts";
import { FaultInjector } from "./faults.ts";
import type { JsonObject } from "./params.ts";
import { StarLedger } from "./star-ledger.ts";
import { UpdateBuilder } from "./updates.ts";
import { UpdateQueue, type EnqueueOptions } from "./update-queue.ts";
import type { WebhookDelivery } from "./webhook.ts";

/** What the bot answered to a callback query. */
export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

/** What the bot answered to a pre-checkout query. */
export interface PreCheckoutAnswer {
  ok: boolean;
  error_message?: string;
}

/** What the bot answered to an inline query. */
export interface InlineAnswer {
  results: unknown[];
  params: JsonObject;
}

/** A completed payment, as Telegram keeps it (refundStarPayment checks it). */
export interface PaymentRecord {
  chargeId: string;
  providerChargeId: string;
  userId: number;
  chatId: number;
  currency: string;
  totalAmount: number;
  payload: string;
  invoiceMessageId: number;
  /** When Telegram took the money (Unix seconds, the emulator's clock). */
  date: number;
  refunded: boolean;
  /** When refundStarPayment refunded it (Unix seconds). */
  refundedAt?: number;
}

/** A file the emulator issued a file_id for. */
export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  /** Unknown for files "sent by URL" (the emulator fetches nothing). */
  bytes?: Buffer;
  fileName?: string;
  contentType?: string;
}

/** Identity of the emulated bot. */
export interface BotIdentity {
  token: string;
  username: string;
  firstName: string;
}

/** The shared state of one emulator. */
export class EmulatorState {
  readonly signal = new ChangeSignal();
  readonly calls = new CallLog(this.signal);
  readonly chats = new ChatStore(this.signal);
  readonly queue = new UpdateQueue(this.signal);
  readonly updates: UpdateBuilder;
  readonly faults = new FaultInjector();
  readonly me: UserFromGetMe;
  /** The bot as it appears in `from` of its messages. */
  readonly botUser: User;
  readonly callbackQueries = new Map<string, { query: CallbackQuery; answer?: CallbackAnswer }>();
  readonly preCheckoutQueries = new Map<string, { query: PreCheckoutQuery; answer?: PreCheckoutAnswer }>();
  readonly inlineQueries = new Map<string, { query: InlineQuery; answer?: InlineAnswer }>();
  readonly invoices: SentInvoice[] = [];
  readonly payments = new Map<string, PaymentRecord>();
  /** What getStarTransactions shows. */
  readonly starLedger = new StarLedger();
  readonly files = new Map<string, StoredFile>();
  /** Commands by scope and language (see methods/bot-settings.ts). */
  readonly commands = new Map<string, BotCommand[]>();
  readonly menuButtons = new Map<string, JsonObject>();
  /** Every update ever queued, by id (for re-delivery). */
  readonly sentUpdates = new Map<number, Update>();
  /** Webhook delivery; the emulator installs it (it needs the server to run webhook replies). */
  webhook: WebhookDelivery | undefined;
  #counter = 0;
  /** The emulator's clock, read for every `date` Telegram stamps. */
  readonly #now: () => Date;

  /**
   * @param identity the bot's token and names
   * @param firstUpdateId starts the update_id sequence
   * @param now the emulator's clock (the real time by default)
   */
  constructor(identity: BotIdentity, firstUpdateId = 1, now: () => Date = () => new Date()) {
    this.#now = now;
    const id = Number(/^(\d+):/.exec(identity.token)?.[1] ?? "1000");
    this.me = {
      id,
      is_bot: true,
      first_name: identity.firstName,
      username: identity.username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.botUser = { id, is_bot: true, first_name: identity.firstName, username: identity.username };
    this.updates = new UpdateBuilder(firstUpdateId);
  }

  /** The emulator's current time in Unix seconds, as Telegram stamps `date` fields. */
  nowSeconds(): number {
    return Math.floor(this.#now().getTime() / 1000);
  }

  /** A number unique within this emulator (query ids, file ids, default user ids). */
  nextNumber(): number {
    this.#counter += 1;
    return this.#counter;
  }

  /** Queues an update for the bot (long polling or webhook); see {@link EnqueueOptions}. */
  enqueue(update: Update, options: EnqueueOptions = {}): Update {
    this.sentUpdates.set(update.update_id, update);
    this.queue.push(update, options);
    this.webhook?.kick();
    return update;
  }
}
