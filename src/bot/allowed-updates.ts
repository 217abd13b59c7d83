/** The updates the bot asks Telegram for, by long polling and by webhook alike. */
export const ALLOWED_UPDATES = ["message", "callback_query", "pre_checkout_query", "inline_query", "my_chat_member"] as const;
