/**
 * The notification outbox sender (src/services/notifications.ts) with fakes
 * of the outbox, the users and the messenger: what it does with each row and
 * how many it reports delivered. A 403 marks the user blocked and drops the
 * row; other failures are retried with growing backoff and given up on the
 * eighth; a row for a blocked user or a reminder for an eSIM now in use is
 * dropped unsent.
 */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { LifecycleNotice } from "../src/domain/lifecycle.ts";
import { NotificationSender } from "../src/services/notifications.ts";
import { RecipientUnreachableError } from "../src/services/ports.ts";

const NOW = new Date("2026-12-10T12:00:00.000Z");
const LEASED_UNTIL = new Date(NOW.getTime() + 5 * 60_000);

function notice(id: string, over: Partial<LifecycleNotice> = {}): LifecycleNotice {
  return {
    id,
    kind: "data_low",
    attempts: 0,
    userId: 7,
    chatId: 7,
    language: "en",
    blocked: false,
    esim: { id: "esim_1", destinationCode: "JP", planName: "Japan 1 GB", iccid: "8900000000000000001", status: "active" },
    figures: { dataMb: 1024, usedMb: 900, expiresAt: null },
    ...over,
  };
}

/** A sender over one batch of rows; `send` decides what the messenger does with each. */
function sender(rows: LifecycleNotice[], send: (n: LifecycleNotice) => Promise<void>) {
  const events: string[] = [];
  let batches = [rows];
  // One sender on its own: it always still holds the rows it claimed (leases across instances: notification-leases.test.ts).
  const outbox = {
    claimDue: async () => (batches.shift() ?? []).map((row) => ({ ...row, leaseUntil: LEASED_UNTIL })),
    extendLease: async () => true,
    markSent: async (id: string, at: Date) => void events.push(`sent ${id} ${at.toISOString()}`),
    markDropped: async (id: string, status: "skipped" | "failed", reason: string) => void events.push(`dropped ${id} ${status}: ${reason}`),
    retryAt: async (id: string, _heldUntil: Date, at: Date, attempts: number) => {
      events.push(`retry ${id} #${attempts} at +${(at.getTime() - NOW.getTime()) / 1000}s`);
      return true;
    },
  };
  const users = { markBlocked: async (userId: number) => void events.push(`blocked ${userId}`) };
  const worker = new NotificationSender({ outbox, users, messenger: { send }, log: pino({ level: "silent" }), now: () => NOW, firstRetryMs: 5_000 });
  return { worker, events, more: (next: LifecycleNotice[]) => (batches = [next]) };
}

describe("the notification sender", () => {
  it("sends each due row, marks it sent and reports how many were delivered", async () => {
    const { worker, events } = sender([notice("n1"), notice("n2")], async () => undefined);
    expect(await worker.drain()).toBe(2);
    expect(events).toEqual([`sent n1 ${NOW.toISOString()}`, `sent n2 ${NOW.toISOString()}`]);
  });

  it("drops rows for a blocked user and reminders for an eSIM now in use, unsent and not counted", async () => {
    const sent: string[] = [];
    const rows = [
      notice("n1", { blocked: true }),
      notice("n2", { kind: "install_check", esim: { ...notice("x").esim, status: "active" } }),
      notice("n3", { kind: "install_check", esim: { ...notice("x").esim, status: "issued" } }),
    ];
    const { worker, events } = sender(rows, async (n) => void sent.push(n.id));
    expect(await worker.drain()).toBe(1);
    expect(sent).toEqual(["n3"]);
    expect(events).toEqual(["dropped n1 skipped: user has blocked the bot", "dropped n2 skipped: the eSIM is active now", `sent n3 ${NOW.toISOString()}`]);
  });

  it("a 403 marks the user blocked and drops the row without a retry", async () => {
    const { worker, events } = sender([notice("n1")], async () => {
      throw new RecipientUnreachableError("Forbidden: bot was blocked by the user");
    });
    expect(await worker.drain()).toBe(0);
    expect(events).toEqual(["blocked 7", "dropped n1 skipped: Forbidden: bot was blocked by the user"]);
  });

  it("retries other failures with growing backoff and gives up on the eighth attempt", async () => {
    const { worker, events, more } = sender([notice("n1"), notice("n2", { attempts: 2 })], async () => {
      throw new Error("Bad Gateway");
    });
    expect(await worker.drain()).toBe(0);
    expect(events).toEqual(["retry n1 #1 at +5s", "retry n2 #3 at +20s"]);
    events.length = 0;
    more([notice("n3", { attempts: 6 }), notice("n4", { attempts: 7 })]);
    expect(await worker.drain()).toBe(0);
    // The two rows are sent side by side: their events come in no set order.
    expect([...events].sort()).toEqual(["dropped n4 failed: Bad Gateway", "retry n3 #7 at +320s"]);
  });
});
