/**
 * The /admin menu, for operators (ADMIN_IDS) only. Whether the user is an
 * operator is asked on every update, never remembered from an earlier one.
 * Anyone else never learns the menu exists: /admin gets the answer of any
 * unknown command, `/start admin` the plain greeting, and an operator button
 * (forged, or kept from when they were an operator) the stale-button answer,
 * with nothing changed.
 */
import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { ShopComposer } from "../../composer.ts";
import type { OperatorAccess } from "../../../services/operator/access.ts";
import { ADMIN, BROADCAST_PREFIX, isAdminData, ORDER_NOTE_PREFIX, parseAdminMenuButton } from "../../callback-data.ts";
import type { PrivateContext } from "../../context.ts";
import { parseDeepLink } from "../../deep-links.ts";
import { BROADCAST_CONVERSATION } from "./broadcast-conversation.ts";
import type { AdminMenuEntry } from "./menu-entries.ts";
import { ORDER_NOTE_CONVERSATION } from "./order-note-conversation.ts";

/**
 * Install right after the conversations plugin, before any conversation:
 * refuses operator buttons to non-operators, and makes /admin and the menu's
 * buttons leave a running conversation (a purchase would swallow them).
 */
export function adminGateFeature(deps: { access: OperatorAccess }): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  const isOperator = (ctx: PrivateContext) => deps.access.isOperator(ctx.from.id);
  composer.on("callback_query:data").filter(
    (ctx) => isAdminData(ctx.callbackQuery.data) && !isOperator(ctx),
    (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }),
  );
  const leavesConversations = (ctx: PrivateContext) => isOperator(ctx) && (ctx.hasCommand("admin") || leavesConversation(ctx.callbackQuery?.data ?? ""));
  composer.filter(leavesConversations, async (ctx, next) => {
    await ctx.conversation.exitAll();
    await next();
  });
  return composer;
}

/** Operator buttons outside the operator conversations (the menu, order cards, lists) leave whatever conversation runs. */
function leavesConversation(data: string): boolean {
  return isAdminData(data) && !data.startsWith(BROADCAST_PREFIX) && !data.startsWith(ORDER_NOTE_PREFIX);
}

/**
 * Install right before the operator conversations: someone who is no longer
 * an operator (ADMIN_IDS changed) leaves them, so their messages get the
 * answers anybody gets. Only updates no earlier conversation took get here,
 * so the conversation state read is one the plugin makes anyway.
 */
export function formerOperatorFeature(deps: { access: OperatorAccess }): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  composer.use(async (ctx, next) => {
    if (!deps.access.isOperator(ctx.from.id)) {
      for (const id of [BROADCAST_CONVERSATION, ORDER_NOTE_CONVERSATION]) if (ctx.conversation.active(id) > 0) await ctx.conversation.exit(id);
    }
    await next();
  });
  return composer;
}

/** The menu and its entries; install after the conversations are created, before /start's greeting. */
export function adminMenuFeature(deps: { access: OperatorAccess; entries: AdminMenuEntry[] }): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  const operators = composer.filter((ctx) => deps.access.isOperator(ctx.from.id));
  const showMenu = (ctx: PrivateContext) => {
    const keyboard = new InlineKeyboard();
    for (const entry of deps.entries) keyboard.text(entry.label(ctx.t), ADMIN.menu(entry.id)).row();
    return ctx.reply(ctx.t("admin-menu-title"), { parse_mode: "HTML", reply_markup: keyboard });
  };
  operators.command("admin", showMenu);
  operators.command("start").filter((ctx) => parseDeepLink(ctx.match)?.kind === "admin", showMenu);
  operators.on("callback_query:data", async (ctx, next) => {
    const id = parseAdminMenuButton(ctx.callbackQuery.data);
    if (id === null) return next();
    const entry = deps.entries.find((candidate) => candidate.id === id);
    if (!entry) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await entry.open(ctx);
  });
  return composer;
}
