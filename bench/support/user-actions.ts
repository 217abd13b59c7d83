/** A simulated user's timed actions: queue an update, resolve with the latency of the expected reply. */
import { performance } from "node:perf_hooks";
import type { TestUser } from "../../test/support/telegram/user.ts";
import type { ReplyMatch, ReplyWatch } from "./reply-watch.ts";

/** Types `text` and resolves with the ms until the reply matching `match` in the user's chat. */
export async function timedSend(watch: ReplyWatch, user: TestUser, text: string, match: ReplyMatch): Promise<number> {
  const reply = watch.reply(user.chatId, match);
  const queuedAt = performance.now();
  user.send(text);
  return (await reply) - queuedAt;
}

/** Presses the button labelled `label` (see TestUser.press) and resolves with the ms until the matching reply. */
export async function timedPress(watch: ReplyWatch, user: TestUser, label: string, match: ReplyMatch): Promise<number> {
  const reply = watch.reply(user.chatId, match);
  const queuedAt = performance.now();
  user.press(label);
  return (await reply) - queuedAt;
}

/** Labels of the inline buttons of the user's latest bot message, row by row. */
export function lastButtons(user: TestUser): string[] {
  return (user.lastMessage()?.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.text);
}

/** The first label of the latest message's buttons starting with `prefix` (any when omitted), or throws listing them. */
export function buttonStartingWith(user: TestUser, prefix = ""): string {
  const labels = lastButtons(user);
  const label = labels.find((text) => text.startsWith(prefix));
  if (label === undefined) throw new Error(`chat ${user.chatId}: no button starting with "${prefix}" in: ${labels.join(" | ")}`);
  return label;
}
