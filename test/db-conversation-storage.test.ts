import { conversations, createConversation, type Conversation, type ConversationFlavor, type VersionedState } from "@grammyjs/conversations";
import { Bot, type Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createConversationStorageAdapter,
  deleteConversationStatesOlderThan,
} from "../src/db/conversation-storage.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

const BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "Test",
  username: "test_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

function textUpdate(updateId: number, text: string): Update {
  const chat = { id: 7_000_000_001, type: "private" as const, first_name: "Ann" };
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_790_000_000,
      chat,
      from: { id: chat.id, is_bot: false, first_name: "Ann" },
      text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command" as const, offset: 0, length: text.length }] } : {}),
    },
  };
}

interface Draft {
  step: string;
  items: number[];
  at?: unknown;
}

describe.each(DATABASES)("conversation storage on %s", (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.drop());

  it("writes, reads back a JSON copy, overwrites and deletes", async () => {
    const storage = createConversationStorageAdapter<VersionedState<Draft>>(testDb.db);
    const state: VersionedState<Draft> = { version: [0, 1], state: { step: "plan", items: [1, 2] } };

    expect(await storage.read("conv:1")).toBeUndefined();
    expect(await storage.has?.("conv:1")).toBe(false);
    await storage.write("conv:1", state);
    const read = await storage.read("conv:1");
    expect(read).toEqual(state);
    expect(read).not.toBe(state);
    expect(await storage.has?.("conv:1")).toBe(true);

    await storage.write("conv:1", { version: [0, 2], state: { step: "pay", items: [] } });
    expect(await storage.read("conv:1")).toEqual({ version: [0, 2], state: { step: "pay", items: [] } });
    expect(await testDb.db.prisma.conversationState.count()).toBe(1);

    await storage.write("conv:2", state);
    await storage.delete("conv:1");
    expect(await storage.read("conv:1")).toBeUndefined();
    expect(await storage.read("conv:2")).toEqual(state);
    await expect(storage.delete("conv:missing")).resolves.toBeUndefined();
  });

  it("stores what JSON keeps: a Date comes back as a string, a BigInt is refused", async () => {
    const storage = createConversationStorageAdapter<Draft>(testDb.db);
    await storage.write("conv:1", { step: "x", items: [], at: new Date("2026-01-01T00:00:00.000Z") });
    expect((await storage.read("conv:1"))?.at).toBe("2026-01-01T00:00:00.000Z");

    await expect(storage.write("conv:2", { step: "x", items: [], at: 1n })).rejects.toThrow(TypeError);
    expect(await storage.read("conv:2")).toBeUndefined();
  });

  it("sweeps the rows not written since the cutoff", async () => {
    const prisma = testDb.db.prisma;
    const storage = createConversationStorageAdapter<Draft>(testDb.db);
    await prisma.conversationState.create({
      data: { key: "conv:old", value: "{}", updatedAt: new Date("2026-01-01T00:00:00.000Z") },
    });
    await prisma.conversationState.create({
      data: { key: "conv:edge", value: "{}", updatedAt: new Date("2026-01-02T00:00:00.000Z") },
    });
    await storage.write("conv:fresh", { step: "now", items: [] });

    expect(await deleteConversationStatesOlderThan(prisma, new Date("2026-01-02T00:00:00.000Z"))).toBe(1);
    const keys = (await prisma.conversationState.findMany({ orderBy: { key: "asc" } })).map((row) => row.key);
    expect(keys).toEqual(["conv:edge", "conv:fresh"]);

    // Writing refreshes updatedAt, so an active conversation survives the sweep.
    await storage.write("conv:edge", { step: "again", items: [] });
    expect(await deleteConversationStatesOlderThan(prisma, new Date(Date.now() - 60_000))).toBe(0);
    expect(await prisma.conversationState.count()).toBe(2);
  });

  it("keeps a waiting grammY conversation in the database, under its prefix and version", async () => {
    type ShopContext = ConversationFlavor<Context>;
    const finished: string[] = [];
    const bot = new Bot<ShopContext>("1:test", { botInfo: BOT_INFO });
    bot.use(
      conversations({
        storage: {
          type: "key",
          prefix: "conv:",
          version: 3,
          adapter: createConversationStorageAdapter(testDb.db),
        },
      }),
    );
    async function askName(conversation: Conversation<ShopContext, Context>): Promise<void> {
      const answer = await conversation.waitFor("message:text");
      await conversation.external(() => finished.push(answer.message.text));
    }
    bot.use(createConversation(askName));
    bot.command("start", (ctx) => ctx.conversation.enter("askName"));

    await bot.handleUpdate(textUpdate(1, "/start"));
    const row = await testDb.db.prisma.conversationState.findUniqueOrThrow({ where: { key: "conv:7000000001" } });
    expect(JSON.parse(row.value)).toMatchObject({ version: [0, 3] });
    expect(finished).toEqual([]);

    await bot.handleUpdate(textUpdate(2, "Ann"));
    expect(finished).toEqual(["Ann"]);
    expect(await testDb.db.prisma.conversationState.count()).toBe(0);
  });
});
