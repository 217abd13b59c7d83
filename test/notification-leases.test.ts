/**
 * The notification outbox on several instances: two senders on one database
 * (as two bot processes), each claiming rows with a lease. A row whose send
 * is slow keeps its lease (renewed while it is held), so the other instance
 * never sends it a second time; a sender that lost a row (it stalled past
 * its lease and the other instance took the row over) neither sends it nor
 * hands it back for a retry under the instance that holds it now.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LifecycleNotice } from "../src/domain/lifecycle.ts";
import { NotificationsRepository } from "../src/db/notifications-repository.ts";
import { UsersRepository } from "../src/db/users-repository.ts";
import { NotificationSender, type LifecycleMessenger } from "../src/services/notifications.ts";
import { DATABASES } from "./support/databases.ts";
import { gate, type Gate } from "./support/gate.ts";
import { createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

const LEASE_MS = 5 * 60_000;

describe.each(DATABASES)("notification outbox across instances (%s)", (kind) => {
  let world: ServiceWorld;
  /** Every message that reached Telegram, by notification id. */
  let sent: string[];
  beforeEach(async () => {
    world = await createServiceWorld(kind);
    sent = [];
  });
  afterEach(() => world.close());

  /** One instance's sender; `stallOn` makes its send of that row wait at `stall`, `failing` makes its sends fail after it. */
  function instance(options: { stall?: Gate; stallOn?: string; failing?: boolean; renewEveryMs?: number; outbox?: NotificationsRepository } = {}): NotificationSender {
    const { prisma, provider } = world.database.db;
    const messenger: LifecycleMessenger = {
      send: async (notice: LifecycleNotice) => {
        if (options.stall && (options.stallOn === undefined || options.stallOn === notice.id)) await options.stall.wait();
        if (options.failing) throw new Error("Bad Gateway");
        sent.push(notice.id);
      },
    };
    return new NotificationSender({
      outbox: options.outbox ?? new NotificationsRepository(prisma, provider),
      users: new UsersRepository(prisma),
      messenger,
      log: world.log,
      now: world.now,
      concurrency: 1,
      leaseMs: LEASE_MS,
      leaseRenewEveryMs: options.renewEveryMs ?? 3_600_000,
    });
  }

  /** Pending notifications about one delivered eSIM, due now, oldest first. */
  async function pendingNotifications(ids: string[]): Promise<void> {
    const order = await world.newOrder();
    const { prisma } = world.database.db;
    await prisma.esim.create({
      data: {
        id: "esim_1", orderId: order.id, userId: BigInt(order.userId), iccid: "8900000000000000001", providerOrderId: "up_1",
        smdpAddress: "rsp.example", matchingId: "M", status: "active", destinationCode: "JP", planName: "Japan 1 GB", dataMb: 1024, validityDays: 7,
      },
    });
    for (const [i, id] of ids.entries()) {
      await prisma.notification.create({
        data: {
          id, esimId: "esim_1", userId: BigInt(order.userId), kind: i === 0 ? "activated" : "data_low", period: 0, status: "pending",
          nextAttemptAt: new Date(world.now().getTime() - 1_000 * (ids.length - i)), payload: JSON.stringify({ dataMb: 1024, usedMb: 900, expiresAt: null }),
        },
      });
    }
  }

  const row = (id: string) => world.database.db.prisma.notification.findUniqueOrThrow({ where: { id } });

  it("a slow send keeps its row: the lease is renewed while it runs, so the other instance never sends it", async () => {
    await pendingNotifications(["ntf_1"]);
    const slow = gate();
    const a = instance({ stall: slow, renewEveryMs: 5 });
    const drainA = a.drain();
    await slow.reached;
    const claimedUntil = (await row("ntf_1")).leaseUntil!;

    // Half a lease later A has renewed it (its timer runs every 5 ms)...
    world.advance(LEASE_MS / 2);
    await vi.waitFor(async () => expect((await row("ntf_1")).leaseUntil!.getTime()).toBeGreaterThan(claimedUntil.getTime()), { timeout: 5_000 });
    // ...so past the first lease, B finds nothing to send.
    world.advance(LEASE_MS / 2 + 1);
    expect(await instance().drain()).toBe(0);

    slow.open();
    expect(await drainA).toBe(1);
    expect(sent).toEqual(["ntf_1"]);
    expect(await row("ntf_1")).toMatchObject({ status: "sent", leaseUntil: null });
  });

  it("a sender that stalled past its lease does not send the rows the other instance took over", async () => {
    await pendingNotifications(["ntf_1", "ntf_2"]);
    // A claims both rows and stalls on the first send (a paused process: no renewals either).
    const stall = gate();
    const a = instance({ stall, stallOn: "ntf_1" });
    const drainA = a.drain();
    await stall.reached;

    // A's leases run out; B takes both rows over and sends them.
    world.advance(LEASE_MS + 1);
    expect(await instance().drain()).toBe(2);
    expect(sent).toEqual(["ntf_1", "ntf_2"]);

    // A wakes up: the send it was in goes out (too late to stop), the next one it no longer holds does not.
    stall.open();
    expect(await drainA).toBe(1);
    expect(sent.filter((id) => id === "ntf_2")).toEqual(["ntf_2"]);
    expect(await row("ntf_2")).toMatchObject({ status: "sent" });
  });

  it("a sender that lost its row does not hand it back for a retry under the instance that holds it now", async () => {
    await pendingNotifications(["ntf_1"]);
    // A's send fails slowly; meanwhile B has taken the row over and is still sending it.
    const stall = gate();
    const a = instance({ stall, failing: true });
    const drainA = a.drain();
    await stall.reached;
    world.advance(LEASE_MS + 1);
    const bStall = gate();
    const drainB = instance({ stall: bStall }).drain();
    await bStall.reached;
    const heldByB = (await row("ntf_1")).leaseUntil!;
    expect(heldByB.getTime()).toBeGreaterThan(world.now().getTime());

    stall.open();
    expect(await drainA).toBe(0);
    // B's claim stands: the row is still leased to B, not released to be sent again.
    expect(await row("ntf_1")).toMatchObject({ status: "pending", leaseUntil: heldByB, attempts: 0 });
    bStall.open();
    expect(await drainB).toBe(1);
    expect(sent).toEqual(["ntf_1"]);
  });

  it("a sender holds no lease once its drain is over: nothing is renewed afterwards", async () => {
    await pendingNotifications(["ntf_1", "ntf_2"]);
    const { prisma, provider } = world.database.db;
    const outbox = new NotificationsRepository(prisma, provider);
    const extendLease = vi.spyOn(outbox, "extendLease");
    expect(await instance({ outbox, renewEveryMs: 5 }).drain()).toBe(2);
    const extendedDuringDrain = extendLease.mock.calls.length;
    // Ten renewal periods later, no statement has touched a lease.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(extendLease.mock.calls.length).toBe(extendedDuringDrain);
    expect(await row("ntf_2")).toMatchObject({ status: "sent", leaseUntil: null });
  });
});
