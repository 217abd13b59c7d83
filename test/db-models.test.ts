/**
 * Every model of prisma/<provider>/schema.prisma, written and read through
 * Prisma on the hand-migrated databases: proof that the SQL matches the schema.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

const USER_ID = 7_000_000_001n; // above 2^32: must survive as BIGINT on both databases
const CHAT_ID = -1_001_234_567_890n; // a supergroup id: negative and large
const at = (iso: string): Date => new Date(iso);

describe.each(DATABASES)("Prisma models on %s", (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.drop());

  const prisma = () => testDb.db.prisma;

  async function createUser(id = USER_ID) {
    return prisma().user.create({
      data: {
        id,
        firstName: "Олена 🧳",
        username: "olena_travels",
        languageCode: "uk",
        blockedAt: at("2026-01-03T00:00:00.123Z"),
        newsOptOutAt: at("2026-01-04T00:00:00.456Z"),
        createdAt: at("2026-01-02T03:04:05.678Z"),
        updatedAt: at("2026-01-02T03:04:05.679Z"),
      },
    });
  }

  const orderData = (id: string, userId = USER_ID) => ({
    id,
    userId,
    chatId: CHAT_ID,
    planId: "plan-es-5gb-30d",
    planName: "Spain 5 GB / 30 days",
    destinationCode: "ES",
    dataMb: 5120,
    validityDays: 30,
    costUsdCents: 899,
    currency: "XTR",
    amount: 2_000_000_000,
    status: "paid",
    languageCode: "en",
    createdAt: at("2026-02-01T10:00:00.001Z"),
    updatedAt: at("2026-02-01T10:00:00.002Z"),
    paidAt: at("2026-02-01T10:01:00.003Z"),
    deliveredAt: at("2026-02-01T10:02:00.004Z"),
    refundedAt: at("2026-02-01T10:03:00.005Z"),
    resolvedAt: at("2026-02-01T10:04:00.006Z") as Date | null,
    topUpEsimId: null as string | null,
    provider: "giapi" as string | null,
  });

  it("User: BigInt id above 2^31, every field, defaults and @updatedAt", async () => {
    const created = await createUser();
    expect(await prisma().user.findUnique({ where: { id: USER_ID } })).toEqual(created);
    expect(created).toEqual({
      id: USER_ID,
      firstName: "Олена 🧳",
      username: "olena_travels",
      languageCode: "uk",
      blockedAt: at("2026-01-03T00:00:00.123Z"),
      newsOptOutAt: at("2026-01-04T00:00:00.456Z"),
      createdAt: at("2026-01-02T03:04:05.678Z"),
      updatedAt: at("2026-01-02T03:04:05.679Z"),
    });

    const before = Date.now();
    const minimal = await prisma().user.create({ data: { id: 2n ** 53n + 1n, firstName: "Max" } });
    expect(minimal.languageCode).toBeNull();
    expect(minimal.username).toBeNull();
    expect(minimal.blockedAt).toBeNull();
    expect(minimal.newsOptOutAt).toBeNull();
    expect(minimal.id).toBe(2n ** 53n + 1n);
    expect(minimal.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const updated = await prisma().user.update({ where: { id: USER_ID }, data: { languageCode: null } });
    expect(updated.languageCode).toBeNull();
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await prisma().user.findUnique({ where: { id: USER_ID } })).toEqual(updated);
  });

  it("Order: every field including nullable dates, and its user relation", async () => {
    await createUser();
    const created = await prisma().order.create({ data: orderData("ord_1") });
    expect(created).toEqual(orderData("ord_1"));

    const read = await prisma().order.findUniqueOrThrow({ where: { id: "ord_1" }, include: { user: true } });
    expect(read).toMatchObject(orderData("ord_1"));
    expect(read.user.id).toBe(USER_ID);

    const cleared = await prisma().order.update({
      where: { id: "ord_1" },
      data: { paidAt: null, deliveredAt: null, refundedAt: null, resolvedAt: null, provider: null },
    });
    expect(cleared).toMatchObject({ paidAt: null, deliveredAt: null, refundedAt: null, resolvedAt: null, provider: null });

    // The (userId, createdAt) index serves this query; ordering must hold.
    await prisma().order.create({ data: { ...orderData("ord_2"), createdAt: at("2026-03-01T00:00:00.000Z") } });
    const newestFirst = await prisma().order.findMany({ where: { userId: USER_ID }, orderBy: { createdAt: "desc" } });
    expect(newestFirst.map((order) => order.id)).toEqual(["ord_2", "ord_1"]);
  });

  it("Order: refuses an unknown user (foreign key)", async () => {
    await expect(prisma().order.create({ data: orderData("ord_x", 42n) })).rejects.toMatchObject({ code: "P2003" });
  });

  it("Payment: every field, nullable providerChargeId, unique telegramChargeId (P2002), relations", async () => {
    await createUser();
    await prisma().order.create({ data: orderData("ord_1") });
    const data = {
      id: "pay_1",
      telegramChargeId: "tg_charge_1",
      providerChargeId: "prov_charge_1",
      orderId: "ord_1",
      userId: USER_ID,
      currency: "XTR",
      amount: 250,
      status: "captured",
      createdAt: at("2026-02-01T10:01:00.000Z"),
      updatedAt: at("2026-02-01T10:01:00.001Z"),
    };
    expect(await prisma().payment.create({ data })).toEqual(data);
    const read = await prisma().payment.findUniqueOrThrow({
      where: { telegramChargeId: "tg_charge_1" },
      include: { order: true, user: true },
    });
    expect(read).toMatchObject(data);
    expect(read.order?.id).toBe("ord_1");
    expect(read.user.id).toBe(USER_ID);

    const stars = await prisma().payment.create({
      data: { ...data, id: "pay_2", telegramChargeId: "tg_charge_2", providerChargeId: null, status: "duplicate" },
    });
    expect(stars.providerChargeId).toBeNull();

    const duplicate = prisma().payment.create({ data: { ...data, id: "pay_3" } });
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
    expect(await prisma().payment.count()).toBe(2);

    const byOrder = await prisma().order.findUniqueOrThrow({ where: { id: "ord_1" }, include: { payments: true } });
    expect(byOrder.payments.map((payment) => payment.id).sort()).toEqual(["pay_1", "pay_2"]);

    // A payment whose payload names no order of ours is recorded too, without an order.
    const stray = await prisma().payment.create({ data: { ...data, id: "pay_4", telegramChargeId: "tg_charge_4", orderId: null, status: "stray" } });
    expect(stray.orderId).toBeNull();
    expect(await prisma().payment.findUniqueOrThrow({ where: { id: "pay_4" }, include: { order: true } })).toMatchObject({ order: null });
    await expect(
      prisma().payment.create({ data: { ...data, id: "pay_5", telegramChargeId: "tg_charge_5", orderId: "ord_nope" } }),
    ).rejects.toMatchObject({ code: "P2003" });
  });

  it("FulfilmentJob: every field, the attempts default, one job per order", async () => {
    await createUser();
    await prisma().order.create({ data: orderData("ord_1") });
    const data = {
      orderId: "ord_1",
      status: "pending",
      attempts: 3,
      runAt: at("2026-02-01T10:05:00.000Z"),
      deadlineAt: at("2026-02-01T10:35:00.000Z"),
      leaseUntil: at("2026-02-01T10:06:00.000Z"),
      lastError: "upstream timeout",
      preparingNoticeAt: at("2026-02-01T10:05:30.000Z"),
      outcomeUnknownSince: at("2026-02-01T10:02:00.000Z"),
      outcomeUnknownLastAt: at("2026-02-01T10:04:00.000Z"),
      reconcileNoticeAt: at("2026-02-01T10:35:00.000Z"),
      messagesSent: 2,
      createdAt: at("2026-02-01T10:01:00.000Z"),
      updatedAt: at("2026-02-01T10:01:00.001Z"),
    };
    expect(await prisma().fulfilmentJob.create({ data })).toEqual(data);
    const order = await prisma().order.findUniqueOrThrow({ where: { id: "ord_1" }, include: { job: true } });
    expect(order.job).toEqual(data);

    await expect(prisma().fulfilmentJob.create({ data })).rejects.toMatchObject({ code: "P2002" });

    await prisma().order.create({ data: orderData("ord_2") });
    const minimal = await prisma().fulfilmentJob.create({
      data: { orderId: "ord_2", status: "pending", runAt: data.runAt, deadlineAt: data.deadlineAt },
    });
    expect(minimal).toMatchObject({
      attempts: 0,
      leaseUntil: null,
      lastError: null,
      preparingNoticeAt: null,
      outcomeUnknownSince: null,
      outcomeUnknownLastAt: null,
      reconcileNoticeAt: null,
      messagesSent: 0,
    });

    // The scheduler's query: due pending jobs, by (status, runAt).
    const due = await prisma().fulfilmentJob.findMany({
      where: { status: "pending", runAt: { lte: at("2026-02-01T10:05:00.000Z") } },
    });
    expect(due.map((job) => job.orderId).sort()).toEqual(["ord_1", "ord_2"]);
  });

  it("Refund: every field, defaults, one per payment (P2002), optional order, relations", async () => {
    await createUser();
    await prisma().order.create({ data: orderData("ord_1") });
    const payment = (id: string, orderId: string | null) => ({
      id, telegramChargeId: `tg_${id}`, orderId, userId: USER_ID, currency: "XTR", amount: 500, status: "captured",
    });
    await prisma().payment.create({ data: payment("pay_1", "ord_1") });
    await prisma().payment.create({ data: payment("pay_2", null) });
    const data = {
      id: "rfd_1",
      paymentId: "pay_1",
      orderId: "ord_1",
      userId: USER_ID,
      chargeId: "tg_pay_1",
      currency: "XTR",
      amount: 500,
      reason: "the provider refused the order: plan withdrawn",
      status: "done",
      attempts: 2,
      nextAttemptAt: at("2026-02-01T10:40:00.000Z"),
      leaseUntil: at("2026-02-01T10:41:00.000Z"),
      lastError: "HTTP 502",
      createdAt: at("2026-02-01T10:35:00.000Z"),
      updatedAt: at("2026-02-01T10:40:00.001Z"),
      doneAt: at("2026-02-01T10:40:00.000Z"),
    };
    expect(await prisma().refund.create({ data })).toEqual(data);
    const withRelations = await prisma().refund.findUniqueOrThrow({ where: { paymentId: "pay_1" }, include: { payment: true, order: true } });
    expect(withRelations.payment.id).toBe("pay_1");
    expect(withRelations.order?.id).toBe("ord_1");
    expect((await prisma().order.findUniqueOrThrow({ where: { id: "ord_1" }, include: { refunds: true } })).refunds).toEqual([data]);
    expect((await prisma().payment.findUniqueOrThrow({ where: { id: "pay_1" }, include: { refund: true } })).refund).toEqual(data);

    // One refund per payment: a payment is never refunded twice.
    await expect(prisma().refund.create({ data: { ...data, id: "rfd_2" } })).rejects.toMatchObject({ code: "P2002" });
    await expect(prisma().refund.create({ data: { ...data, id: "rfd_3", paymentId: "pay_nope" } })).rejects.toMatchObject({ code: "P2003" });

    const minimal = await prisma().refund.create({
      data: { id: "rfd_4", paymentId: "pay_2", userId: USER_ID, chargeId: "tg_pay_2", currency: "XTR", amount: 500, reason: "stray", status: "pending", nextAttemptAt: data.nextAttemptAt },
    });
    expect(minimal).toMatchObject({ orderId: null, attempts: 0, leaseUntil: null, lastError: null, doneAt: null });
    const due = await prisma().refund.findMany({ where: { status: "pending", nextAttemptAt: { lte: data.nextAttemptAt } } });
    expect(due.map((refund) => refund.id)).toEqual(["rfd_4"]);
  });

  it("LedgerCursor: every field, the position default", async () => {
    const data = { id: "stars", position: 1234, leaseUntil: at("2026-02-01T10:00:00.000Z"), leaseOwner: "host-1", updatedAt: at("2026-02-01T09:59:00.000Z") };
    expect(await prisma().ledgerCursor.create({ data })).toEqual(data);
    const minimal = await prisma().ledgerCursor.create({ data: { id: "other" } });
    expect(minimal).toMatchObject({ position: 0, leaseUntil: null, leaseOwner: null });
    await expect(prisma().ledgerCursor.create({ data: { id: "stars" } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("Esim: every field, defaults, unique orderId and iccid, relations", async () => {
    await createUser();
    await prisma().order.create({ data: orderData("ord_1") });
    const data = {
      id: "esim_1",
      orderId: "ord_1",
      userId: USER_ID,
      iccid: "8944500102198304826",
      providerOrderId: "up-123",
      smdpAddress: "smdp.example.com",
      matchingId: "K2-1ABCD-XYZ",
      status: "active",
      destinationCode: "ES",
      planName: "Spain 5 GB / 30 days",
      dataMb: 5120,
      usedMb: 1234,
      validityDays: 30,
      activatedAt: at("2026-02-02T08:00:00.000Z"),
      expiresAt: at("2026-03-04T08:00:00.000Z"),
      period: 2,
      lastPolledAt: at("2026-02-03T08:00:00.000Z"),
      pollLeaseUntil: at("2026-02-03T08:05:00.000Z"),
      tripDate: at("2026-02-14T00:00:00.000Z"),
      createdAt: at("2026-02-01T10:02:00.000Z"),
      updatedAt: at("2026-02-01T10:02:00.001Z"),
    };
    expect(await prisma().esim.create({ data })).toEqual(data);
    // The reminders find eSIMs by their trip date.
    expect(await prisma().esim.findMany({ where: { tripDate: at("2026-02-14T00:00:00.000Z") }, select: { id: true } })).toEqual([{ id: "esim_1" }]);
    const user = await prisma().user.findUniqueOrThrow({
      where: { id: USER_ID },
      include: { esims: true, orders: true, payments: true },
    });
    expect(user.esims).toEqual([data]);
    expect(user.orders.map((order) => order.id)).toEqual(["ord_1"]);
    expect(user.payments).toEqual([]);
    const order = await prisma().order.findUniqueOrThrow({ where: { id: "ord_1" }, include: { esim: true } });
    expect(order.esim).toEqual(data);

    // A top-up is an order pointing at the eSIM it tops up; an unknown eSIM is refused.
    await prisma().order.create({ data: { ...orderData("top_1"), topUpEsimId: "esim_1" } });
    const withTopUps = await prisma().esim.findUniqueOrThrow({ where: { id: "esim_1" }, include: { topUps: true } });
    expect(withTopUps.topUps.map((topUp) => [topUp.id, topUp.topUpEsimId])).toEqual([["top_1", "esim_1"]]);
    await expect(prisma().order.create({ data: { ...orderData("top_x"), topUpEsimId: "esim_nope" } })).rejects.toMatchObject({
      code: "P2003",
    });
    expect(await prisma().esim.findUnique({ where: { iccid: data.iccid } })).toEqual(data);

    await prisma().order.create({ data: orderData("ord_2") });
    await expect(prisma().esim.create({ data: { ...data, id: "esim_2", orderId: "ord_2" } })).rejects.toMatchObject({
      code: "P2002",
    });
    await expect(prisma().esim.create({ data: { ...data, id: "esim_3", iccid: "8944500000000000000" } })).rejects.toMatchObject(
      { code: "P2002" },
    );

    const minimal = await prisma().esim.create({
      data: {
        ...data,
        id: "esim_4",
        orderId: "ord_2",
        iccid: "8944500000000000001",
        usedMb: undefined,
        period: undefined,
        activatedAt: null,
        expiresAt: null,
        lastPolledAt: null,
        pollLeaseUntil: null,
        tripDate: undefined,
      },
    });
    expect(minimal).toMatchObject({ usedMb: 0, period: 0, activatedAt: null, expiresAt: null, lastPolledAt: null, pollLeaseUntil: null, tripDate: null });
  });

  it("Notification: every field, defaults, one per eSIM, event and period (P2002), its eSIM relation", async () => {
    await createUser();
    await prisma().order.create({ data: orderData("ord_1") });
    await prisma().esim.create({
      data: {
        id: "esim_1", orderId: "ord_1", userId: USER_ID, iccid: "8944500102198304826", providerOrderId: "up-1",
        smdpAddress: "smdp.example.com", matchingId: "K2-1ABCD-XYZ", status: "active", destinationCode: "ES",
        planName: "Spain 5 GB / 30 days", dataMb: 5120, validityDays: 30,
      },
    });
    const data = {
      id: "ntf_1",
      esimId: "esim_1",
      userId: USER_ID,
      kind: "data_low",
      period: 1,
      payload: '{"dataMb":5120,"usedMb":4300,"expiresAt":null}',
      status: "sent",
      attempts: 2,
      nextAttemptAt: at("2026-02-05T10:00:00.000Z"),
      leaseUntil: at("2026-02-05T10:05:00.000Z"),
      sentAt: at("2026-02-05T10:00:01.000Z"),
      lastError: "Too Many Requests",
      createdAt: at("2026-02-05T09:59:00.000Z"),
      updatedAt: at("2026-02-05T10:00:01.001Z"),
    };
    expect(await prisma().notification.create({ data })).toEqual(data);
    const esim = await prisma().esim.findUniqueOrThrow({ where: { id: "esim_1" }, include: { notifications: true } });
    expect(esim.notifications).toEqual([data]);

    await expect(prisma().notification.create({ data: { ...data, id: "ntf_2" } })).rejects.toMatchObject({ code: "P2002" });
    const nextPeriod = await prisma().notification.create({
      data: { ...data, id: "ntf_3", period: 2, attempts: undefined, leaseUntil: null, sentAt: null, lastError: null },
    });
    expect(nextPeriod).toMatchObject({ attempts: 0, leaseUntil: null, sentAt: null, lastError: null });
    await expect(prisma().notification.create({ data: { ...data, id: "ntf_4", esimId: "nope", period: 9 } })).rejects.toMatchObject({
      code: "P2003",
    });
  });

  it("ConversationState: every field, and updatedAt set by Prisma", async () => {
    const data = { key: "conv:123", value: '{"a":1}', updatedAt: at("2026-02-01T10:00:00.000Z") };
    expect(await prisma().conversationState.create({ data })).toEqual(data);
    expect(await prisma().conversationState.findUnique({ where: { key: "conv:123" } })).toEqual(data);

    const before = Date.now();
    const updated = await prisma().conversationState.update({ where: { key: "conv:123" }, data: { value: "{}" } });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("runs an interactive transaction and rolls it back on error", async () => {
    await expect(
      prisma().$transaction(async (tx) => {
        await tx.user.create({ data: { id: 1n, firstName: "A" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await prisma().user.count()).toBe(0);
  });
});
