/**
 * Composing a broadcast, for operators: the message (text, or a photo with a
 * caption) → its preview, sent exactly as travellers will get it → the
 * audience, each with its size → confirmation → queued. The sending itself is
 * the background sender's (a durable job in the database).
 *
 * A conversation (not a state machine in the database) because the steps
 * wait for the operator's own messages and buttons in one chat, which is
 * what the plugin keeps, in the database, across restarts. Every decision
 * goes through the operator service inside `conversation.external`, which
 * re-checks ADMIN_IDS at that moment; confirming is keyed by the draft's id,
 * so a replay of the confirming update never creates a second broadcast.
 */
import { newId } from "../../../domain/ids.ts";
import type { Audience, BroadcastContent } from "../../../domain/broadcast.ts";
import type { BroadcastService } from "../../../services/operator/broadcasts.ts";
import { contentOfMessage, sendBroadcastMessage } from "../../broadcast-message.ts";
import type { BotConversation, ConversationContext } from "../../context.ts";
import { BroadcastPanel, type PanelPress } from "./broadcast-panel.ts";
import { audienceView, confirmView } from "./broadcast-views.ts";

/** The conversation's id, for ctx.conversation.enter(). */
export const BROADCAST_CONVERSATION = "broadcast";

/** What the conversation needs. */
export interface BroadcastConversationDeps {
  broadcasts: BroadcastService;
}

/** Where the operator is. */
type Step =
  | { at: "compose" }
  | { at: "audience"; content: BroadcastContent }
  | { at: "confirm"; content: BroadcastContent; audience: Audience }
  | { at: "done" };

/** One run of the conversation. */
interface Flow {
  conversation: BotConversation;
  deps: BroadcastConversationDeps;
  panel: BroadcastPanel;
  chatId: number;
  operatorId: number;
  draftId: string;
}

/** Builds the conversation function with its dependencies. */
export function createBroadcastConversation(deps: BroadcastConversationDeps) {
  return async function broadcast(conversation: BotConversation, ctx: ConversationContext) {
    const chatId = ctx.chat?.id;
    const operatorId = ctx.from?.id;
    // Entered only from the private chat of an operator, which has both.
    if (chatId === undefined || operatorId === undefined) return;
    const draftId = await conversation.external(() => newId("bc"));
    const flow: Flow = { conversation, deps, panel: new BroadcastPanel(conversation, chatId, ctx), chatId, operatorId, draftId };
    let step: Step = { at: "compose" };
    while (step.at !== "done") step = await runStep(flow, step);
  };
}

function runStep(flow: Flow, step: Exclude<Step, { at: "done" }>): Promise<Step> {
  switch (step.at) {
    case "compose":
      return composeStep(flow);
    case "audience":
      return audienceStep(flow, step.content);
    case "confirm":
      return confirmStep(flow, step.content, step.audience);
  }
}

/** Asks for the message, waits for text or a photo, and sends its preview. */
async function composeStep(flow: Flow): Promise<Step> {
  await flow.panel.ctx.reply(flow.panel.ctx.t("broadcast-compose"), { parse_mode: "HTML" });
  const update = await flow.conversation.waitUntil((c) => !isCommand(c) && contentOfMessage(c.message) !== null, {
    otherwise: async (c) => {
      if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-not-active") });
      else if (c.message) await c.reply(c.t("broadcast-compose-hint"));
    },
  });
  const content = contentOfMessage(update.message);
  if (!content) return { at: "compose" };
  flow.panel.ctx = update;
  await sendBroadcastMessage(update.api, flow.chatId, content, update.t);
  return { at: "audience", content };
}

/** Shows the audiences with their sizes; waits for a choice, Change the message or Cancel. */
async function audienceStep(flow: Flow, content: BroadcastContent): Promise<Step> {
  const { conversation, deps, operatorId, panel } = flow;
  const sizes = await conversation.external(() => deps.broadcasts.audienceSizes(operatorId));
  if (!sizes) return refused(panel.ctx);
  await panel.show(audienceView(sizes, panel.ctx.t));
  const press = await panel.next();
  switch (press.button?.kind) {
    case "audience":
      await answer(press);
      return { at: "confirm", content, audience: press.button.audience };
    case "edit":
      await answer(press);
      await panel.close();
      return { at: "compose" };
    case "cancel":
      return cancel(flow, press);
    default:
      await answer(press, press.ctx.t("button-not-active"));
      return { at: "audience", content };
  }
}

/** Shows the audience's size now and asks to confirm; Send now queues the broadcast. */
async function confirmStep(flow: Flow, content: BroadcastContent, audience: Audience): Promise<Step> {
  const { conversation, deps, operatorId, panel } = flow;
  const count = await conversation.external(() => deps.broadcasts.audienceSize(operatorId, audience));
  if (count === null) return refused(panel.ctx);
  await panel.show(confirmView(audience, count, panel.ctx.t));
  const press = await panel.next();
  switch (press.button?.kind) {
    case "send":
      return send(flow, press, content, audience);
    case "back":
      await answer(press);
      return { at: "audience", content };
    case "cancel":
      return cancel(flow, press);
    default:
      await answer(press, press.ctx.t("button-not-active"));
      return { at: "confirm", content, audience };
  }
}

async function send(flow: Flow, press: PanelPress, content: BroadcastContent, audience: Audience): Promise<Step> {
  const { conversation, deps, operatorId, chatId, draftId, panel } = flow;
  const languageCode = await press.ctx.i18n.getLocale();
  const request = { draftId, operatorChatId: chatId, languageCode, content, audience };
  const result = await conversation.external(() => deps.broadcasts.start(operatorId, request));
  switch (result.kind) {
    case "refused":
      return refused(press.ctx);
    case "empty":
      await answer(press, press.ctx.t("broadcast-empty"));
      return { at: "audience", content };
    case "started":
      await answer(press);
      await panel.close(press.ctx.t("broadcast-started", { count: result.recipients }));
      return { at: "done" };
    case "already-started":
      await answer(press);
      await panel.close(press.ctx.t("broadcast-already-started", { count: result.recipients }));
      return { at: "done" };
  }
}

async function cancel(flow: Flow, press: PanelPress): Promise<Step> {
  await answer(press);
  await flow.panel.close(press.ctx.t("broadcast-cancelled"));
  return { at: "done" };
}

/**
 * The operator is no longer one (ADMIN_IDS changed): the conversation ends
 * with the answer anybody gets for a stale button or a stray message.
 */
async function refused(ctx: ConversationContext): Promise<Step> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
  else await ctx.reply(ctx.t("fallback-text"));
  return { at: "done" };
}

async function answer(press: PanelPress, text?: string): Promise<void> {
  await press.ctx.answerCallbackQuery(text ? { text } : undefined);
}

function isCommand(ctx: ConversationContext): boolean {
  return ctx.message?.entities?.some((entity) => entity.type === "bot_command" && entity.offset === 0) === true;
}
