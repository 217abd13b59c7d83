/**
 * Seeds a benchmark: N issued eSIMs at the sandbox (its own SQLite file) and
 * the same N in the shop's database. Usage: seed-esims.ts <dir> <n>
 */
import { join } from "node:path";
import { createDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { SandboxStore } from "../../src/providers/fakes/giapi-sandbox/store.ts";
import { newIccid, newMatchingId, newOrderId } from "../../src/providers/fakes/giapi-sandbox/issuer.ts";

const [dir, count] = process.argv.slice(2);
if (!dir || !count) throw new Error("usage: seed-esims.ts <dir> <n>");
await seedEsims(dir, Number(count));

async function seedEsims(dir: string, n: number): Promise<void> {
  const store = new SandboxStore(join(dir, "sandbox.db"));
  const createdAt = new Date().toISOString();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const orderId = newOrderId();
    ids.push(orderId);
    store.insert({
      orderId,
      externalOrderId: `ord_bench_${i}`,
      planId: "jp-1gb-7d",
      createdAt,
      iccid: newIccid(),
      smdpAddress: "rsp.sandbox.esim.local",
      matchingId: newMatchingId(),
      status: "issued",
      dataMb: 1024,
      validityDays: 7,
      usedMb: 0,
      activatedAt: null,
      expiresAt: null,
    });
  }
  store.close();

  const url = `file:${join(dir, "shop.db")}`;
  await applyMigrations({ provider: "sqlite", url });
  const db = createDatabase(url);
  await db.prisma.user.create({ data: { id: 1n, firstName: "Bench" } });
  for (let start = 0; start < n; start += 5_000) {
    const chunk = ids.slice(start, start + 5_000);
    await db.prisma.order.createMany({
      data: chunk.map((_, j) => ({
        id: `ord_bench_${start + j}`, userId: 1n, chatId: 1n, planId: "jp-1gb-7d", planName: "Japan 1 GB / 7 days",
        destinationCode: "JP", dataMb: 1024, validityDays: 7, costUsdCents: 549, currency: "XTR", amount: 530,
        status: "delivered", languageCode: "en",
      })),
    });
    await db.prisma.esim.createMany({
      data: chunk.map((providerOrderId, j) => ({
        id: `esim_bench_${start + j}`, orderId: `ord_bench_${start + j}`, userId: 1n, iccid: `bench${start + j}`,
        providerOrderId, smdpAddress: "rsp.sandbox.esim.local", matchingId: "X", status: "issued",
        destinationCode: "JP", planName: "Japan 1 GB / 7 days", dataMb: 1024, validityDays: 7,
      })),
    });
  }
  await db.close();
}

