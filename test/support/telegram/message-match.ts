/** Matching messages in waits, and describing them when a wait fails. */
import type { VisibleMessage } from "./chats.ts";
import { inlineButtons } from "./markup.ts";

/** A message filter: a substring of the text/caption, a pattern, or a predicate. */
export type MessageMatch = string | RegExp | ((message: VisibleMessage) => boolean);

/** The predicate a match stands for. */
export function toPredicate(match: MessageMatch | undefined): (message: VisibleMessage) => boolean {
  if (match === undefined) return () => true;
  if (typeof match === "string") return (message) => message.content.includes(match);
  if (match instanceof RegExp) return (message) => new RegExp(match.source, match.flags.replace("g", "")).test(message.content);
  return match;
}

/** How a match reads in a failure message ("" for none). */
export function describeMatch(match: MessageMatch | undefined): string {
  if (match === undefined) return "";
  if (typeof match === "string") return ` containing "${match}"`;
  if (match instanceof RegExp) return ` matching ${String(match)}`;
  return " matching the predicate";
}

/** One line describing a message, for failure messages. */
export function describeMessage(message: VisibleMessage): string {
  const kind = message.invoice ? "invoice" : message.message.photo ? "photo" : message.message.document ? "document" : "text";
  const content = message.invoice ? `${message.invoice.title} ${message.invoice.total_amount} ${message.invoice.currency}` : message.content;
  const shown = content.length > 100 ? `${content.slice(0, 97)}...` : content;
  const buttons = inlineButtons(message.reply_markup).map((button) => `"${button.text}"`);
  const flags = [message.edits > 0 ? "edited" : "", message.deleted ? "deleted" : ""].filter(Boolean);
  return (
    `  #${message.message_id} ${kind}: ${JSON.stringify(shown)}` +
    (buttons.length > 0 ? ` [${buttons.join(" | ")}]` : "") +
    (flags.length > 0 ? ` (${flags.join(", ")})` : "")
  );
}
