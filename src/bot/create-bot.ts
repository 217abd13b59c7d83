/**
 * Builds the bot from its dependencies. Order matters:
 *   one update at a time per chat (the runner is concurrent) → i18n (the per-update logger is made on first use: update-context.ts)
 *   → payments (before the conversations, or a purchase waiting for a button would swallow the successful payment)
 *   → inline queries
 *   → private chats: presence → news opt-out, My eSIMs, top-up, trip date and reminder buttons (outside conversations)
 *     → conversations → the operator gate → start-over commands → language → the purchase conversation → its restart
 *     (a run that took its share of inputs goes on as a new one) → the broadcast conversation
 *     → the /admin menu → menu entries (and typed text, which starts a purchase) → Buy again → fallback
 *   → group chats: a pointer to the private chat
 *   → any other button (e.g. under a message posted from inline mode) is answered.
 * Inline and pre-checkout queries never reach conversations (they have no chat).
 */
import { sequentialize } from "@grammyjs/runner";
import {
  conversations,
  createConversation,
  type ConversationData,
  type VersionedState,
  type VersionedStateStorage,
} from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { Bot, InlineKeyboard, type Composer, type Context } from "grammy";
import type { UserService } from "../services/users.ts";
import type { CatalogService } from "../services/catalog.ts";
import type { LanguagePreferences } from "../services/languages.ts";
import type { Logger } from "../services/logger.ts";
import type { OrderService } from "../services/orders.ts";
import type { BalanceService } from "../services/balance.ts";
import type { PaymentsService } from "../services/payments.ts";
import type { ReminderService } from "../services/reminders.ts";
import type { BroadcastService } from "../services/operator/broadcasts.ts";
import type { BotContext, ConversationContext, PrivateContext } from "./context.ts";
import { createPurchaseConversation, PURCHASE_CONVERSATION } from "./conversations/purchase.ts";
import type { PurchaseDeps } from "./conversations/purchase-flow.ts";
import { PurchaseRestarts } from "./conversations/purchase-restart.ts";
import { deepLinkUrl } from "./deep-links.ts";
import { adminGateFeature, adminMenuFeature, formerOperatorFeature } from "./features/admin/admin.ts";
import { BROADCAST_CONVERSATION, createBroadcastConversation } from "./features/admin/broadcast-conversation.ts";
import { adminMenuEntries } from "./features/admin/menu-entries.ts";
import { orderDeskFeature, type OrderDeskDeps } from "./features/admin/order-desk.ts";
import { createOrderNoteConversation, ORDER_NOTE_CONVERSATION } from "./features/admin/order-note-conversation.ts";
import { fallbackFeature } from "./features/fallback.ts";
import { dashboardCommandFeature, type DashboardLinks } from "./features/admin/dashboard-command.ts";
import { inlineFeature } from "./features/inline.ts";
import { installCheckFeature } from "./features/install-check.ts";
import { myEsimsFeature } from "./features/my-esims.ts";
import { topUpFeature } from "./features/top-up.ts";
import { languageFeature } from "./features/language.ts";
import { menuFeature, startOverFeature } from "./features/menu.ts";
import { newsFeature } from "./features/news.ts";
import { paymentsFeature } from "./features/payments.ts";
import { presenceFeature } from "./features/presence.ts";
import { renewFeature } from "./features/renew.ts";
import { tripDateFeature } from "./features/trip-date.ts";
import { ShopComposer } from "./composer.ts";
import { installUpdateRetries, retriesPlugin } from "./telegram-api.ts";
import { contextWithLogger } from "./update-context.ts";
import { KeptViews } from "./kept-views.ts";
import type { View } from "./view.ts";

/** Popular destinations, shown first when sold. */
export const POPULAR_COUNTRIES = ["JP", "US", "TH", "TR", "GB", "FR", "IT", "ES", "AE", "KR", "DE", "MX"] as const;

/** How long a conversation waits for the traveller before it is forgotten. */
export const CONVERSATION_WAIT_MS = 60 * 60_000;

/** What the conversations plugin stores per chat. */
export type ConversationState = VersionedState<ConversationData>;

/** Everything the bot needs. */
export interface BotDeps {
  token: string;
  apiRoot: string;
  /** The HTTP client of Bot API calls (see src/http/bot-api-fetch.ts); grammY's default without it. */
  fetch?: typeof fetch;
  log: Logger;
  i18n: I18n<Context>;
  languages: LanguagePreferences;
  users: UserService;
  catalog: CatalogService;
  orders: OrderService;
  balance: BalanceService;
  now: () => Date;
  searchDestinations: PurchaseDeps["searchDestinations"];
  paymentProviderToken: string;
  payments: PaymentsService;
  /** Trip dates, for the "When do you leave?" buttons. */
  reminders: ReminderService;
  /** Where conversation state lives (the database), keyed by chat. */
  conversationStorage: VersionedStateStorage<string, ConversationData>;
  /** The operator side: who is an operator (asked on every update), broadcasts and the order desk. */
  operator: OrderDeskDeps & { broadcasts: BroadcastService };
  /** `/dashboard`: sign-in links to the web dashboard; absent: the command does not exist. */
  dashboard?: DashboardLinks;
}

/** Creates the bot with every feature installed; it is started by the caller. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  // The per-update logger (`ctx.log`) is made on first use by the context class.
  const ContextConstructor = contextWithLogger(deps.log) as unknown as new (...args: ConstructorParameters<typeof Context>) => BotContext;
  const bot = new Bot<BotContext>(deps.token, { client: { apiRoot: deps.apiRoot, fetch: deps.fetch }, ContextConstructor });
  installUpdateRetries(bot.api);
  // Everything runs in one of the bot's own composers (./composer.ts): grammY's plumbing allocates at every step.
  const updates = new ShopComposer<BotContext>();
  bot.use(updates);

  updates.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  updates.use(deps.i18n.middleware());
  updates.use(paymentsFeature(deps.payments));
  updates.use(inlineFeature({ balance: deps.balance, catalog: deps.catalog, searchDestinations: deps.searchDestinations, now: deps.now }));

  const privateChats = updates.chatType("private");
  privateChats.use(presenceFeature({ users: deps.users }));
  privateChats.use(newsFeature({ users: deps.users }));
  // Balance and top-up do not take part in conversations: a purchase in progress stays where it was.
  privateChats.use(myEsimsFeature({ balance: deps.balance, now: deps.now }));
  privateChats.use(topUpFeature({ orders: deps.orders, paymentProviderToken: deps.paymentProviderToken, now: deps.now }));
  privateChats.use(tripDateFeature({ reminders: deps.reminders, now: deps.now }));
  privateChats.use(installCheckFeature({ balance: deps.balance }));
  if (deps.dashboard) privateChats.use(dashboardCommandFeature({ access: deps.operator.access, links: deps.dashboard }));
  privateChats.use(
    conversations<BotContext, ConversationContext>({
      // Replay re-runs the code against stored state: bump the version whenever a conversation's code changes its
      // sequence of waits, externals or API calls, so state from older code is dropped instead of replayed wrongly.
      // 2: the purchase as step functions. 3: a refused invoice returns to the summary; runs restart after 15 inputs.
      // 4: the plan picker and one-line requests.
      storage: { type: "key", adapter: deps.conversationStorage, prefix: "conv:", version: 4 },
    }),
  );
  privateChats.use(adminGateFeature({ access: deps.operator.access }));
  privateChats.use(startOverFeature());
  privateChats.use(languageFeature({ languages: deps.languages }));
  installPurchase(privateChats, deps);
  privateChats.use(formerOperatorFeature({ access: deps.operator.access }));
  privateChats.use(createConversation(createBroadcastConversation({ broadcasts: deps.operator.broadcasts }), conversationOptions(BROADCAST_CONVERSATION, deps.i18n)));
  privateChats.use(createConversation(createOrderNoteConversation({ actions: deps.operator.actions }), conversationOptions(ORDER_NOTE_CONVERSATION, deps.i18n)));
  privateChats.use(orderDeskFeature(deps.operator));
  privateChats.use(adminMenuFeature({ access: deps.operator.access, entries: adminMenuEntries(deps.operator) }));
  privateChats.use(menuFeature({ users: deps.users, catalog: deps.catalog, popularCountries: POPULAR_COUNTRIES }));
  privateChats.use(renewFeature());
  privateChats.use(fallbackFeature());

  updates.chatType(["group", "supergroup"]).command("start", (ctx) =>
    ctx.reply(ctx.t("group-only-private"), {
      reply_markup: new InlineKeyboard().url(ctx.t("group-open-private"), deepLinkUrl(ctx.me.username)),
    }),
  );
  updates.on("callback_query", (ctx) => ctx.answerCallbackQuery());

  bot.catch(({ error, ctx }) => {
    ctx.log.error({ err: error }, "update failed");
  });
  return bot;
}

/** Most purchase views kept: a destination prompt per language and list, a plan picker per language and destination. */
const KEPT_PURCHASE_VIEWS = 1_000;

/** The purchase conversation, and the restart of a run that took its share of inputs. */
function installPurchase(privateChats: Composer<PrivateContext>, deps: BotDeps): void {
  const restarts = new PurchaseRestarts();
  privateChats.use(
    createConversation(
      createPurchaseConversation({
        catalog: deps.catalog,
        orders: deps.orders,
        users: deps.users,
        searchDestinations: deps.searchDestinations,
        popularCountries: POPULAR_COUNTRIES,
        paymentProviderToken: deps.paymentProviderToken,
        log: deps.log.child({ part: "purchase" }),
        restarts,
        views: new KeptViews<View>(KEPT_PURCHASE_VIEWS),
      }),
      conversationOptions(PURCHASE_CONVERSATION, deps.i18n),
    ),
  );
  // A purchase run that took its share of inputs continues as a new run, with the same update.
  privateChats.use(restarts.middleware((ctx, resume) => ctx.conversation.enter(PURCHASE_CONVERSATION, { resume })));
}

/** A conversation's options: how long it waits, and the plugins that must run inside it. */
function conversationOptions(id: string, i18n: I18n<Context>) {
  // Transformers on bot.api do not reach inside conversations: install them again.
  return { id, maxMillisecondsToWait: CONVERSATION_WAIT_MS, plugins: [i18n.middleware(), retriesPlugin()] };
}
