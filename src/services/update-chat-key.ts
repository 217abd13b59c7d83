/**
 * Which updates must be handled one after another: those of one chat, keyed
 * as the bot's `sequentialize` keys them (the chat's id, else the sender's
 * user id), so a private chat's messages, its button presses and its
 * pre-checkout queries share one key. Read from the update's JSON without
 * Telegram's types: the intake stores updates before the bot sees them.
 */

/** The key of updates with neither a chat nor a sender (none of the kinds the bot asks for). */
export const GLOBAL_CHAT_KEY = "global";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** A chat or user id as text, or undefined. */
function idOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const id = value.id;
  return typeof id === "number" || typeof id === "string" ? String(id) : undefined;
}

/**
 * The key of an update: its chat's id (a callback query's message chat too),
 * else its sender's user id, else {@link GLOBAL_CHAT_KEY}.
 */
export function chatKeyOf(update: Json): string {
  for (const [field, body] of Object.entries(update)) {
    if (field === "update_id" || !isObject(body)) continue;
    const chat = idOf(body.chat) ?? (isObject(body.message) ? idOf(body.message.chat) : undefined);
    return chat ?? idOf(body.from) ?? idOf(body.user) ?? GLOBAL_CHAT_KEY;
  }
  return GLOBAL_CHAT_KEY;
}
