/** The context types of the bot. */
import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { ChatTypeContext, Context } from "grammy";
import type { Logger } from "../services/logger.ts";

/** The context inside conversations: grammY's, with translations. */
export type ConversationContext = Context & I18nFlavor;

/** The context of the outside middleware: plus a per-update logger and conversation controls. */
export type BotContext = ConversationFlavor<Context & I18nFlavor & { log: Logger }>;

/** The context of private-chat features: grammY narrows `chat` to the private chat and `from` to its user. */
export type PrivateContext = ChatTypeContext<BotContext, "private">;

/** The conversation handle grammY passes to a conversation function. */
export type BotConversation = Conversation<BotContext, ConversationContext>;
