/**
 * The audit log in the database. An entry with an action key is unique on
 * that key: an action writes its entry in the same transaction as its
 * effect, so a second attempt (a double tap, another operator, a replay)
 * fails on the key and changes nothing.
 */
import type { AuditEntry, AuditResult, NewAuditEntry } from "../domain/audit.ts";
import { newId } from "../domain/ids.ts";
import { isUniqueViolation, type ShopPrisma, type ShopTransaction } from "./prisma-types.ts";

/**
 * Writes an entry with the given client (a transaction, to make the entry and
 * the action one). Throws Prisma's P2002 when the action key is taken.
 */
export async function insertAuditEntry(client: ShopPrisma | ShopTransaction, entry: NewAuditEntry): Promise<AuditEntry> {
  const id = newId("aud");
  await client.auditEntry.create({
    data: {
      id,
      at: entry.at,
      operatorId: BigInt(entry.operatorId),
      action: entry.action,
      subjectKind: entry.subject.kind,
      subjectId: entry.subject.id,
      details: JSON.stringify(entry.details),
      result: entry.result,
      actionKey: entry.actionKey ?? null,
    },
  });
  return { ...entry, id };
}

/** Audit entries in the shop's database. */
export class AuditRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** Records an entry on its own; null when its action key was already recorded. */
  async record(entry: NewAuditEntry): Promise<AuditEntry | null> {
    try {
      return await insertAuditEntry(this.prisma, entry);
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** The entry recorded under an action key, or null. */
  async byActionKey(actionKey: string): Promise<AuditEntry | null> {
    const row = await this.prisma.auditEntry.findUnique({ where: { actionKey } });
    return row ? toEntry(row) : null;
  }

  /** Entries about one subject (e.g. an order), oldest first: the subject's timeline. */
  async forSubject(kind: string, id: string): Promise<AuditEntry[]> {
    const rows = await this.prisma.auditEntry.findMany({
      where: { subjectKind: kind, subjectId: id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    return rows.map(toEntry);
  }

  /** The latest entries, newest first. */
  async recent(limit: number): Promise<AuditEntry[]> {
    const rows = await this.prisma.auditEntry.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
    return rows.map(toEntry);
  }
}

type AuditRow = Awaited<ReturnType<ShopPrisma["auditEntry"]["findFirstOrThrow"]>>;

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    operatorId: Number(row.operatorId),
    action: row.action,
    subject: { kind: row.subjectKind, id: row.subjectId },
    details: JSON.parse(row.details) as AuditEntry["details"],
    result: row.result as AuditResult,
    ...(row.actionKey === null ? {} : { actionKey: row.actionKey }),
  };
}
