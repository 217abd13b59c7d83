/**
 * SQLite serves one bot process: in webhook mode a second process on the
 * same file would share its update queue without sharing its locks across
 * machines, so the first process holds a lock file beside the database
 * (`<file>.instance.lock`, holding its pid) and a second one is refused.
 * A lock left by a process that died is taken over (its pid no longer runs).
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

/** Another live process holds the lock. */
export class SqliteInstanceLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(`another bot process (pid ${pid}) already runs on this SQLite database (lock file ${lockFile})`);
    this.name = "SqliteInstanceLockedError";
  }
}

/** A held lock. */
export interface SqliteInstanceLock {
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/**
 * Takes the lock of the SQLite database at `dbFile`.
 * @throws SqliteInstanceLockedError when another live process holds it
 */
export function acquireSqliteInstanceLock(dbFile: string): SqliteInstanceLock {
  const lockFile = `${dbFile}.instance.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => releaseIfOurs(lockFile) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readPid(lockFile);
    if (holder !== undefined && holder !== process.pid && isRunning(holder)) throw new SqliteInstanceLockedError(lockFile, holder);
    // Left by a process that is gone (or by this one): take it over.
    rmSync(lockFile, { force: true });
  }
  throw new Error(`could not take the SQLite instance lock ${lockFile}`);
}

function readPid(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseIfOurs(lockFile: string): void {
  if (readPid(lockFile) === process.pid) rmSync(lockFile, { force: true });
}
