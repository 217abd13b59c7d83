/**
 * One SQLite connection, one piece of work at a time.
 *
 * `@prisma/adapter-better-sqlite3` runs everything on a single connection.
 * Its `startTransaction` runs `BEGIN` behind a private mutex, but queries made
 * on the adapter itself do not wait for that mutex: while an interactive
 * transaction awaits, any other task's query runs on the same connection,
 * inside that transaction. It reads the transaction's uncommitted rows, and
 * when the transaction rolls back, its write (already reported done to its
 * caller: an order marked delivered, an outbox row) is undone with it.
 * See https://github.com/prisma/prisma/issues/29933 for the same class of bug.
 *
 * The wrapper below gives the connection one queue (p-limit with a
 * concurrency of 1): a transaction holds it from `BEGIN` until its commit or
 * rollback, and every query outside a transaction waits its turn. Queries
 * inside a transaction go to the transaction, which already holds it.
 * Consequence: inside `$transaction(async (tx) => …)` use only `tx`; a query
 * on the root client there would wait for its own transaction to end.
 */
import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import pLimit from "p-limit";

type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
type AdapterTransaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/** A SQLite adapter factory (PrismaBetterSqlite3), with the shadow database its migrations may use. */
export interface SqliteAdapterFactory extends SqlDriverAdapterFactory {
  connectToShadowDb(): Promise<SqlDriverAdapter>;
}

/** `factory`, each of whose connections (the shadow database's too) is passed through `wrap`. */
export function wrapSqliteConnections(factory: SqliteAdapterFactory, wrap: (adapter: SqlDriverAdapter) => SqlDriverAdapter): SqliteAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

/** `factory`, whose connections run one query or one transaction at a time. */
export function serializedSqliteAdapter(factory: SqliteAdapterFactory): SqliteAdapterFactory {
  return wrapSqliteConnections(factory, serialize);
}

function serialize(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const turn = pLimit(1);
  const getConnectionInfo = adapter.getConnectionInfo?.bind(adapter);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => turn(() => adapter.queryRaw(query)),
    executeRaw: (query) => turn(() => adapter.executeRaw(query)),
    executeScript: (script) => turn(() => adapter.executeScript(script)),
    startTransaction: (isolationLevel) =>
      new Promise<AdapterTransaction>((resolve, reject) => {
        // The turn is held until the transaction ends: `ended` resolves on its commit or rollback.
        void turn(async () => {
          let transaction: AdapterTransaction;
          try {
            transaction = await adapter.startTransaction(isolationLevel);
          } catch (error) {
            reject(error);
            return;
          }
          await new Promise<void>((ended) => resolve(releasingOnEnd(transaction, ended)));
        });
      }),
    ...(getConnectionInfo ? { getConnectionInfo } : {}),
    // Not queued: closing must not wait for a transaction that may never end.
    dispose: () => adapter.dispose(),
  };
}

function releasingOnEnd(transaction: AdapterTransaction, release: () => void): AdapterTransaction {
  const savepoints = transaction.createSavepoint && transaction.rollbackToSavepoint && transaction.releaseSavepoint;
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => transaction.queryRaw(query),
    executeRaw: (query) => transaction.executeRaw(query),
    commit: () => transaction.commit().finally(release),
    rollback: () => transaction.rollback().finally(release),
    ...(savepoints
      ? {
          createSavepoint: (name: string) => transaction.createSavepoint!(name),
          rollbackToSavepoint: (name: string) => transaction.rollbackToSavepoint!(name),
          releaseSavepoint: (name: string) => transaction.releaseSavepoint!(name),
        }
      : {}),
  };
}
