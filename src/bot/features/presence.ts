/**
 * Tracks whether a user can be written to: blocking the bot (my_chat_member
 * "kicked") marks them, and any message or unblocking clears the mark, so
 * notifications resume when they return.
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../composer.ts";
import type { UserService } from "../../services/users.ts";
import type { PrivateContext } from "../context.ts";

/** Presence tracking for private chats; passes every update on. */
export function presenceFeature(deps: { users: UserService }): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  composer.on("my_chat_member", async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "kicked") await deps.users.blocked(ctx.from.id);
    else if (status === "member") await deps.users.returned(ctx.from.id);
    await next();
  });
  composer.on("message", async (ctx, next) => {
    if (await deps.users.returned(ctx.from.id)) ctx.log.info({ userId: ctx.from.id }, "user is back");
    await next();
  });
  return composer;
}
