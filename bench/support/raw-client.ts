/**
 * The emulator alone: a client with no framework that long-polls getUpdates
 * and answers every message with one sendMessage over a keep-alive pool.
 * What it reaches is what the emulator can serve; if the bare grammY bot
 * comes close to it, the emulator (not the bot) is the limit.
 * Started by bench/updates.ts with BOT_TOKEN and TELEGRAM_API_ROOT.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Pool } from "undici";

const token = process.env.BOT_TOKEN;
const apiRoot = process.env.TELEGRAM_API_ROOT;
if (!token || !apiRoot) throw new Error("raw-client.ts needs BOT_TOKEN and TELEGRAM_API_ROOT");

interface RawUpdate {
  update_id: number;
  message?: { chat: { id: number } };
}

// Replies get many connections (grammY's keep-alive agent has no limit either); polls get their own,
// so a poll never queues behind replies.
const replies = new Pool(apiRoot, { connections: 256 });
const polls = new Pool(apiRoot, { connections: 1 });
let running = true;

async function call<T>(pool: Pool, method: string, params: Record<string, unknown>): Promise<T> {
  const response = await pool.request({
    method: "POST",
    path: `/bot${token}/${method}`,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  const body = (await response.body.json()) as { ok: boolean; result: T; description?: string };
  if (!body.ok) throw new Error(`${method}: ${body.description ?? "failed"}`);
  return body.result;
}

process.once("SIGTERM", () => {
  running = false;
  void Promise.all([replies.destroy(), polls.destroy()]).then(() => process.exit(0));
});

let offset = 0;
while (running) {
  const updates = await call<RawUpdate[]>(polls, "getUpdates", { offset, limit: 100, timeout: 30 }).catch(async () => {
    await sleep(100);
    return [];
  });
  for (const update of updates) {
    offset = update.update_id + 1;
    const chatId = update.message?.chat.id;
    if (chatId !== undefined) void call(replies, "sendMessage", { chat_id: chatId, text: "Hi!" }).catch(() => undefined);
  }
}
