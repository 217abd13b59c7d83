/**
 * What the shop asked of the sandbox's order routes, in order: orders,
 * lookups by our id and top-ups, with the status each got. An order placed
 * twice with one external_order_id looks like one order in GET /sandbox/orders
 * (the sandbox deduplicates it), so only this journal shows whether the shop
 * looked an order up before ordering it again.
 */

/** One request to /esim/orders or /esim/{id}/topup. */
export interface JournalEntry {
  method: string;
  path: string;
  /** The lookup's `external_order_id` query, when it has one. */
  external_order_id: string | null;
  status: number;
}

/** The most recent requests are kept; older ones are dropped (a sandbox can run for days in a demo). */
const MAX_ENTRIES = 1000;

/** The order-side requests the sandbox has served. */
export class RequestJournal {
  readonly #entries: JournalEntry[] = [];

  /** Whether a request to `path` is an order-side one worth recording (the catalog's are not). */
  static records(path: string): boolean {
    return path.startsWith("/esim/orders") || path.endsWith("/topup");
  }

  record(entry: JournalEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.shift();
  }

  /** Oldest first. */
  entries(): JournalEntry[] {
    return [...this.#entries];
  }
}
