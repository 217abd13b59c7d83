/**
 * The audit log: every operator action, who did it, when, to what, and with
 * which result. Plain data shared by the operator services and the database.
 */

/** A JSON value (what an entry's details may hold). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** How an operator action ended. */
export type AuditResult = "ok" | "refused" | "failed";

/** What an action was applied to, e.g. { kind: "broadcast", id: "bc_…" }. */
export interface AuditSubject {
  kind: string;
  id: string;
}

/** An entry to record. */
export interface NewAuditEntry {
  at: Date;
  operatorId: number;
  /** e.g. "broadcast.send" */
  action: string;
  subject: AuditSubject;
  details: { [key: string]: JsonValue };
  result: AuditResult;
  /**
   * Names the action for actions that must happen once (e.g.
   * "broadcast:<id>"): a second entry with the same key is refused by the
   * database, together with whatever the action wrote in its transaction.
   */
  actionKey?: string;
}

/** A recorded entry. */
export interface AuditEntry extends NewAuditEntry {
  id: string;
}
