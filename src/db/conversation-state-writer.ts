/**
 * Conversation state writes in batches. Under load many chats finish a step
 * at about the same time, and each step writes its chat's state: one
 * statement per write cost more (and, on SQLite, one commit each) than the
 * write itself (bench:updates, search step). Writes
 * waiting while a batch is written go into the next one, as one
 * multi-row upsert; each write resolves only once its row is committed, so an
 * update is still not answered before its state is stored.
 */
import type { DriverStatements, SqlParam } from "./driver-statements.ts";

/** Most rows in one statement (3 parameters each: well under both databases' limits). */
const ROWS_PER_STATEMENT = 200;

/** Writes conversation states; each write resolves once its row is committed. */
export interface ConversationStateWriter {
  /** Inserts or replaces the JSON text of `key`, stamping updatedAt (which the sweep reads). */
  write(key: string, json: string): Promise<void>;
  /** Resolves once no write of `key` is waiting or being written (e.g. before deleting its row). */
  settled(key: string): Promise<void>;
}

interface Batch {
  rows: Map<string, string>;
  done: Promise<void>;
  finish(error?: unknown): void;
}

function newBatch(): Batch {
  let finish!: Batch["finish"];
  const done = new Promise<void>((resolve, reject) => {
    finish = (error) => (error === undefined ? resolve() : reject(error));
  });
  // A failed batch rejects every write in it; nobody may be listening to `done` itself.
  done.catch(() => undefined);
  return { rows: new Map(), done, finish };
}

/** A writer that gathers the writes made while a batch is being written into the next batch. */
export function createConversationStateWriter(statements: DriverStatements): ConversationStateWriter {
  let waiting: Batch | undefined;
  let writing: Batch | undefined;

  async function writeRows(rows: Map<string, string>): Promise<void> {
    const entries = [...rows];
    const at = new Date();
    for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
      const rows = entries.slice(start, start + ROWS_PER_STATEMENT);
      const params = rows.flatMap(([key, json]): SqlParam[] => [key, json, at]);
      await statements.execute(
        `INSERT INTO "ConversationState" ("key", "value", "updatedAt") VALUES ${rows.map(() => "(?, ?, ?)").join(", ")}
        ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`,
        params,
      );
    }
  }

  function flush(): void {
    if (writing || !waiting) return;
    const batch = waiting;
    waiting = undefined;
    writing = batch;
    writeRows(batch.rows).then(
      () => batch.finish(),
      (error: unknown) => batch.finish(error ?? new Error("conversation state write failed")),
    ).finally(() => {
      writing = undefined;
      flush();
    });
  }

  return {
    write(key, json) {
      if (!waiting) {
        waiting = newBatch();
        // After the current turn of the event loop: the writes of updates handled alongside join this batch.
        setImmediate(flush);
      }
      waiting.rows.set(key, json);
      return waiting.done;
    },
    async settled(key) {
      for (const batch of [writing, waiting]) {
        if (batch?.rows.has(key)) await batch.done.catch(() => undefined);
      }
    },
  };
}
