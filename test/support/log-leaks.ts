/**
 * Checks captured log lines for what must never be logged: the secrets of a
 * shop's configuration, a bot token in a Bot API URL, and the activation codes
 * (matching ids) its sandbox provider issued. test/support/shop.ts runs it
 * when each shop closes, so every end-to-end test checks its own logs.
 */
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import type { ConfigSecret } from "../../src/config.ts";

/** A value that must not appear, and what to call it in a failure (the value itself is never printed). */
export interface Forbidden {
  name: string;
  value: string;
}

/** The matching ids in a sandbox provider's state file (giapi sandbox and octopus fake share its layout). */
export function issuedMatchingIds(sandboxDbPath: string): string[] {
  if (!existsSync(sandboxDbPath)) return [];
  const db = new Database(sandboxDbPath, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'esims'").get() !== undefined;
    if (!hasTable) return [];
    return (db.prepare("SELECT matching_id FROM esims").all() as Array<{ matching_id: string }>).map((row) => row.matching_id);
  } finally {
    db.close();
  }
}

/** The configuration's secrets and the issued activation codes, as forbidden values. */
export function forbiddenValues(secrets: readonly ConfigSecret[], matchingIds: readonly string[]): Forbidden[] {
  return [...secrets, ...matchingIds.map((value) => ({ name: "an activation code (matching id)", value }))];
}

/**
 * Throws, naming the kind of value and showing the line with the value
 * masked, when any line holds a forbidden value or a `/bot<token>/` URL part.
 */
export function assertNoLeaks(lines: readonly string[], forbidden: readonly Forbidden[]): void {
  const problems: string[] = [];
  for (const line of lines) {
    for (const { name, value } of forbidden) {
      if (value !== "" && line.includes(value)) problems.push(`${name} in: ${line.replaceAll(value, `<${name}>`).trim()}`);
    }
    if (/\/dashboard\/sign-in\?token=(?!\[redacted\])/i.test(line)) problems.push(`a dashboard sign-in token in: ${line.replace(/token=[\w-]+/g, "token=<token>").trim()}`);
    if (/\/bot\d+(:|%3A)/i.test(line)) problems.push(`a bot token in a URL in: ${line.replace(/\/bot\d+(:|%3A)[\w-]+/gi, "/bot<token>").trim()}`);
  }
  if (problems.length > 0) {
    throw new Error(`The logs leaked ${problems.length} time(s):\n${problems.slice(0, 10).join("\n")}`);
  }
}
