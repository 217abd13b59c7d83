/** Every Bot API method the emulator serves, looked up case-insensitively as Telegram does. */
import { botSettingsMethods } from "./bot-settings.ts";
import type { MethodHandler, MethodTable } from "./method.ts";
import { messageMethods } from "./messages.ts";
import { paymentMethods } from "./payments.ts";
import { pollingMethods } from "./polling.ts";
import { queryMethods } from "./queries.ts";
import { starMethods } from "./stars.ts";

/** A served method: its canonical name and handler. */
export interface ServedMethod {
  name: string;
  handler: MethodHandler;
}

/** Builds the lookup of served methods. */
export function createMethodLookup(): (name: string) => ServedMethod | undefined {
  const tables: MethodTable[] = [botSettingsMethods, pollingMethods, messageMethods, queryMethods, paymentMethods, starMethods];
  const byLowerName = new Map<string, ServedMethod>();
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) byLowerName.set(name.toLowerCase(), { name, handler });
  }
  return (name) => byLowerName.get(name.toLowerCase());
}
